using System.Net;
using System.Text.Json.Nodes;

namespace McpGateway.Host.Tests;

/// <summary>
/// Names that would display as something else (bidi overrides, zero-width and other format characters, control
/// characters, line and paragraph separators) are refused with a 422 naming the field, for every kind; descriptions
/// stay lenient.
/// </summary>
public sealed class UnsafeNameTests(GatewayHostFixture gateway) : IClassFixture<GatewayHostFixture>
{
    private readonly HttpClient client = gateway.Host.CreateClient();

    public static TheoryData<string, string> KindsAndCharacters()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in new[] { "tools", "resources", "prompts", "servers", "gateways", "roots" })
        {
            foreach (var character in new[] { "\u202e", "\u200b", "\u2066", "\ufeff", "\u0007", "\u2028" })
            {
                data.Add(kind, character);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KindsAndCharacters))]
    public async Task A_name_with_an_invisible_or_reordering_character_is_422_naming_the_field(string kind, string character)
    {
        var body = Body(kind, $"safe{character}name-{Guid.NewGuid():N}");

        var problem = await (await client.PostJsonAsync(kind, body.ToJsonString())).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("name", problem["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_description_may_hold_them()
    {
        var body = Body("tools", $"described-{Guid.NewGuid():N}");
        body["description"] = "right-to-left \u202etext\u202c and a zero\u200bwidth space";

        var created = await (await client.PostJsonAsync("tools", body.ToJsonString())).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(body["description"]!.GetValue<string>(), created["description"]!.GetValue<string>());
    }

    private static JsonObject Body(string kind, string name)
    {
        var unique = Guid.NewGuid().ToString("N");
        return kind switch
        {
            "tools" => new JsonObject { ["name"] = name, ["url"] = "http://127.0.0.1:1/x" },
            "resources" => new JsonObject { ["name"] = name, ["uri"] = $"test://unsafe/{unique}", ["content"] = "x" },
            "prompts" => new JsonObject { ["name"] = name, ["template"] = "x" },
            "servers" => new JsonObject { ["name"] = name },
            "gateways" => new JsonObject { ["name"] = name, ["url"] = "http://127.0.0.1:1/mcp" },
            "roots" => new JsonObject { ["name"] = name, ["uri"] = $"file:///unsafe/{unique}" },
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }
}
