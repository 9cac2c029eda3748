using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using McpGateway.Shared.Protocol;
using ModelContextProtocol.Protocol;

namespace McpGateway.Fuzz.Tests;

/// <summary>
/// JSON-RPC messages for every protocol revision, sound and mutated, on every JSON-RPC surface: Streamable HTTP
/// stateless (2026-07-28) and within the fixture's sessions, <c>/rpc</c> and <c>/protocol/*</c>.
/// </summary>
public sealed class McpRequests(FuzzGatewayFixture gateway)
{
    private const string BothMediaTypes = "application/json, text/event-stream";

    /// <summary>Every method and notification the SDK names, the seed's legacy names, a tool's name and a few that are none.</summary>
    private static readonly string[] MethodNames =
    [
        .. Constants(typeof(RequestMethods)), .. Constants(typeof(NotificationMethods)),
        "list_tools", "list_gateways", "list_servers", "list_roots", "list_resources", "list_resource_templates", "list_prompts",
        "read_resource", "get_prompt", FuzzGatewayFixture.ToolName, "", "tools/", "no/such/method", "rpc.discover",
    ];

    private static Gen<string> Method { get; } = Gen.Frequency((9, Gen.OneOf(MethodNames)), (1, JsonGen.Text));

    private static Gen<string> Revision { get; } = Gen.OneOf([.. ProtocolRevisions.WithSessions, .. ProtocolRevisions.Stateless]);

    private static Gen<(bool Present, JsonNode? Value)> Id { get; } = Gen.Frequency(
        (6, Gen.Int[0, 1000].Select(id => (true, (JsonNode?)id))),
        (2, JsonGen.Text.Select(id => (true, (JsonNode?)id))),
        (2, Gen.Const((false, (JsonNode?)null))),
        (1, JsonGen.Value.Select(id => (true, id))));

    /// <summary>A message of any revision, as the body of a request.</summary>
    public static Gen<JsonNode?> Messages { get; } = Message(Revision).Select(message => (JsonNode?)message);

    public Gen<FuzzRequest> Any => Gen.Frequency(
        (4, Stateless),
        (4, InSession),
        (1, OpeningSession),
        (2, Rpc),
        (1, ProtocolRoutes));

    private Gen<FuzzRequest> Stateless =>
        Gen.Select(Message(Gen.Const(ProtocolRevisions.July2026)), StatelessPath, VersionHeader(ProtocolRevisions.July2026), Gen.Int[0, 9], (message, path, version, mutation) =>
        {
            var headers = new List<KeyValuePair<string, string>> { new("Accept", mutation == 0 ? "application/json" : BothMediaTypes) };
            Add(headers, McpHeaders.ProtocolVersion, version);
            Add(headers, McpHeaders.Method, mutation == 1 ? "tools/list" : (message["method"] as JsonValue)?.ToString());
            Add(headers, McpHeaders.Name, mutation == 2 ? "other" : NameOf(message));
            return Post(path, message, headers);
        });

    private Gen<FuzzRequest> InSession =>
        Gen.Select(Gen.OneOf([.. gateway.Sessions]), Gen.Int[0, 9], Gen.Int[1, 4], (session, mutation, batchSize) => (session, mutation, batchSize))
            .SelectMany(c => Gen.Select(
                Message(Gen.Const(c.session.Key)).Array[c.batchSize],
                VersionHeader(c.session.Key),
                (messages, version) =>
                {
                    var headers = new List<KeyValuePair<string, string>> { new("Accept", BothMediaTypes) };
                    Add(headers, McpHeaders.SessionId, c.mutation == 0 ? "bm90LWEtc2Vzc2lvbg" : c.session.Value);
                    Add(headers, McpHeaders.ProtocolVersion, version);
                    // Batches exist in 2025-03-26 only: other sessions get a few, to be refused.
                    JsonNode body = c.mutation < (c.session.Key == ProtocolRevisions.March2025 ? 6 : 2) ? new JsonArray([.. messages]) : messages[0];
                    return Post(c.mutation == 9 ? $"servers/{gateway.ServerId}/mcp" : "mcp", body, headers);
                }));

    private static Gen<FuzzRequest> OpeningSession =>
        Message(Revision, Gen.Const(RequestMethods.Initialize)).Select(message =>
            Post("mcp", message, [new("Accept", BothMediaTypes)]));

    private static Gen<FuzzRequest> Rpc =>
        Message(Revision).Select(message => Post("rpc", message, [new("Accept", "application/json")]));

    private static Gen<FuzzRequest> ProtocolRoutes =>
        Gen.Select(Gen.OneOf("protocol/initialize", "protocol/ping", "protocol/completion/complete"), Message(Revision), (path, message) =>
            Post(path, path == "protocol/ping" ? message : message["params"] ?? new JsonObject(), [new("Accept", "application/json")]));

    private Gen<string> StatelessPath => Gen.OneOf("mcp", $"servers/{gateway.ServerId}/mcp", "servers/no-such-server/mcp");

    private static Gen<string?> VersionHeader(string revision) =>
        Gen.Frequency((8, Gen.Const<string?>(revision)), (1, Gen.Const(() => (string?)null)), (1, Gen.OneOf<string?>("1999-01-01", "2026-07-28", "2025-03-26", "latest", "")));

    private static Gen<JsonObject> Message(Gen<string> revision) => Message(revision, Method);

    /// <summary>A message of <paramref name="revision"/>: mostly well formed, with mutated members now and then.</summary>
    private static Gen<JsonObject> Message(Gen<string> revision, Gen<string> method) =>
        Gen.Select(revision, method, Id, Gen.Int[0, 19], (rev, name, id, mutation) => (rev, name, id, mutation))
            .SelectMany(m => Params(m.rev).Select(parameters =>
            {
                var message = new JsonObject { ["jsonrpc"] = m.mutation switch { 0 => "1.0", 1 => (JsonNode)2.0, _ => "2.0" } };
                if (m.mutation == 2)
                {
                    message.Remove("jsonrpc");
                }

                if (m.id.Present)
                {
                    message["id"] = m.id.Value;
                }

                message["method"] = m.mutation == 3 ? (JsonNode)42 : m.name;
                if (m.mutation != 4)
                {
                    message["params"] = m.mutation == 5 ? (JsonNode)"params" : parameters;
                }

                return message;
            }));

    /// <summary>Params with the members the methods of <paramref name="revision"/> read, whatever the method.</summary>
    private static Gen<JsonObject> Params(string revision) => Members.ObjectOf(
    [
        ("name", Members.Strings(FuzzGatewayFixture.ToolName, FuzzGatewayFixture.PromptName, "no_such_name", "")),
        ("uri", Members.Strings(FuzzGatewayFixture.ResourceUri, "file:///fuzz/2024-05-01.txt", "file:///fuzz/{date}.txt", "config://none", "")),
        ("arguments", Members.Node(Members.ObjectOf([("city", JsonGen.Scalar), ("user", JsonGen.Scalar), ("date", JsonGen.Scalar)]))),
        ("cursor", Members.Strings("%%%", "eyJ4IjoxfQ", "", "AAAA")),
        ("level", Members.Strings("debug", "info", "emergency", "loud")),
        ("ref", Members.Node(Members.ObjectOf([
            ("type", Members.Strings("ref/prompt", "ref/resource", "ref/none")),
            ("name", Members.Strings(FuzzGatewayFixture.PromptName, "none")),
            ("uri", Members.Strings("file:///fuzz/{date}.txt", FuzzGatewayFixture.ResourceUri)),
        ]))),
        ("argument", Members.Node(Members.ObjectOf([("name", Members.Strings("user", "date", "none")), ("value", JsonGen.Scalar)]))),
        ("protocolVersion", Members.Strings(revision, "1999-01-01")),
        ("capabilities", Members.Node(Members.ObjectOf([("roots", Members.Node(Members.ObjectOf([("listChanged", JsonGen.Scalar)]))), ("sampling", Members.Node(Members.ObjectOf([])))]))),
        ("clientInfo", Members.Node(Members.ObjectOf([("name", Members.Strings("fuzz")), ("version", Members.Strings("1"))]))),
        ("requestId", JsonGen.Scalar),
        ("progressToken", JsonGen.Scalar),
        ("_meta", Members.Node(Members.ObjectOf([
            ("io.modelcontextprotocol/protocolVersion", Members.Strings(revision, ProtocolRevisions.July2026)),
            ("io.modelcontextprotocol/clientCapabilities", Members.Node(Members.ObjectOf([]))),
            ("io.modelcontextprotocol/clientInfo", Members.Node(Members.ObjectOf([("name", Members.Strings("fuzz")), ("version", Members.Strings("1"))]))),
        ]))),
    ]);

    private static FuzzRequest Post(string path, JsonNode body, IReadOnlyList<KeyValuePair<string, string>> headers) =>
        new("POST", path, headers, JsonGen.Utf8(JsonGen.Json(body)), "application/json");

    private static void Add(List<KeyValuePair<string, string>> headers, string name, string? value)
    {
        if (value is not null)
        {
            headers.Add(new(name, HeaderValue(value)));
        }
    }

    /// <summary>A value as a header can carry it: printable ASCII as is, anything else base64 encoded as MCP headers allow.</summary>
    private static string HeaderValue(string value) =>
        value.All(c => c is >= ' ' and <= '~') ? value : $"=?base64?{Convert.ToBase64String(Encoding.UTF8.GetBytes(value))}?=";

    private static string? NameOf(JsonObject message) =>
        message["params"] is JsonObject parameters && (parameters["name"] ?? parameters["uri"]) is JsonValue value && value.TryGetValue<string>(out var name) ? name : null;

    private static IEnumerable<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!);
}
