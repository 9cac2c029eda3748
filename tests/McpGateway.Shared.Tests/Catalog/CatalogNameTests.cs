using McpGateway.Shared.Catalog;
using McpGateway.Shared.Http;
using Microsoft.AspNetCore.Http;

namespace McpGateway.Shared.Tests.Catalog;

/// <summary>
/// A name must display as what it is: characters that hide, reorder or break text are refused, including an unpaired
/// surrogate, which no JSON body can carry but an upstream's or an import's string can; letters of every script pass.
/// </summary>
public sealed class CatalogNameTests
{
    [Theory]
    [InlineData("invoice\u202etxt.exe")]
    [InlineData("zero\u200bwidth")]
    [InlineData("isolate\u2067d")]
    [InlineData("line\u2028separator")]
    [InlineData("paragraph\u2029separator")]
    [InlineData("bell\u0007")]
    public void A_name_with_a_hidden_reordering_or_broken_character_is_refused_naming_the_field(string name)
    {
        var problem = Assert.Throws<ApiProblem>(() => CatalogValidation.Name(name, "servers[0].name"));

        Assert.Equal(StatusCodes.Status422UnprocessableEntity, problem.Status);
        Assert.Equal("servers[0].name", problem.Field);
    }

    /// <summary>Not theory data: a test case's data goes through UTF-8, which turns an unpaired surrogate into U+FFFD.</summary>
    [Fact]
    public void A_name_with_an_unpaired_surrogate_is_refused_naming_the_field()
    {
        foreach (var name in new[] { "lone" + '\ud800' + "surrogate", "reversed" + '\udc00' + "surrogate", "high-last" + '\ud800' })
        {
            var problem = Assert.Throws<ApiProblem>(() => CatalogValidation.Name(name, "tools[0].name"));
            Assert.Equal("tools[0].name", problem.Field);
        }
    }

    [Theory]
    [InlineData("Überprüfung_v2.tool")]
    [InlineData("日本語ツール")]
    [InlineData("emoji-\U0001F600")]
    [InlineData("مرحبا")]
    public void Names_in_any_script_pass(string name) => Assert.Equal(name, CatalogValidation.Name(name));
}
