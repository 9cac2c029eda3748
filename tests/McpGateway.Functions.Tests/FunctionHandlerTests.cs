using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace McpGateway.Functions.Tests;

/// <summary>
/// The function methods themselves, invoked as the worker invokes them (an ASP.NET Core HttpRequest in,
/// an IResult out) against Azurite: each is bound to the gateway route it is named after.
/// </summary>
public sealed class FunctionHandlerTests : IDisposable
{
    private const string Password = "functions-test-password";
    private readonly IHost host;

    public FunctionHandlerTests(AzuriteFixture azurite)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CatalogStorage"] = azurite.ConnectionString,
            ["STORAGE_PREFIX"] = "fn" + Guid.NewGuid().ToString("N")[..10],
            ["BASIC_AUTH_PASSWORD"] = Password,
            ["SSRF_ALLOW_LOCALHOST"] = "true",
        }).Build();
        // A generic host, as the Functions worker is one: hosting services such as IHostApplicationLifetime are there.
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging().AddGatewayCore(configuration, "functions");
        host = builder.Build();
    }

    public static TheoryData<string> FunctionNames() => new(FunctionMethods().Select(m => m.GetCustomAttribute<FunctionAttribute>()!.Name));

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public async Task Each_function_dispatches_to_the_route_it_is_named_after(string name)
    {
        var route = GatewayRouteTable.Get(name);
        var unsupported = new[] { "GET", "POST", "PUT", "DELETE", "PATCH" }.First(m => !route.Handlers.ContainsKey(m));

        var (status, _, headers) = await InvokeAsync(name, unsupported, body: null, id: "some-id");

        Assert.Equal(StatusCodes.Status405MethodNotAllowed, status);
        Assert.Equal(route.Allow, headers.Allow.ToString());
    }

    [Fact]
    public async Task Tools_can_be_created_and_read_through_the_functions()
    {
        var (created, body, _) = await InvokeAsync("tools", "POST", """{"name":"fn_tool","url":"http://127.0.0.1:1/x"}""");
        Assert.Equal(StatusCodes.Status201Created, created);
        var id = body!["id"]!.GetValue<string>();

        var (read, tool, headers) = await InvokeAsync("tools-item", "GET", body: null, id: id);
        Assert.Equal(StatusCodes.Status200OK, read);
        Assert.Equal("fn_tool", tool!["name"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(headers.ETag));
    }

    [Fact]
    public async Task The_mcp_function_answers_a_stateless_request_with_its_response_as_json()
    {
        var (_, _, _) = await InvokeAsync("resources", "POST", """{"uri":"config://fn/one","name":"Fn","content":"from functions"}""");
        const string body = """
            {"jsonrpc":"2.0","id":7,"method":"resources/read","params":{"uri":"config://fn/one",
             "_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}
            """;

        var (status, text, headers) = await InvokeRawAsync("mcp", "POST", body, new Dictionary<string, string>
        {
            ["Accept"] = "application/json, text/event-stream",
            ["MCP-Protocol-Version"] = "2026-07-28",
            ["Mcp-Method"] = "resources/read",
            ["Mcp-Name"] = "config://fn/one",
        });

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.Equal("application/json", headers.ContentType.ToString());
        var message = JsonNode.Parse(text)!;
        Assert.Equal(7, message["id"]!.GetValue<int>());
        Assert.Equal("from functions", message["result"]!["contents"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Functions_require_credentials_like_the_host()
    {
        var (status, problem, _) = await InvokeAsync("tools", "GET", body: null, authenticate: false);
        Assert.Equal(StatusCodes.Status401Unauthorized, status);
        Assert.Equal(401, problem!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_ui_function_serves_the_admin_ui_at_ui_since_the_functions_host_keeps_admin()
    {
        var (status, script, headers) = await InvokeRawAsync("ui", "GET", body: null, new Dictionary<string, string>(), id: "js/api.js", authenticate: false);
        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.Equal("text/javascript", headers.ContentType.ToString());
        Assert.Contains("X-CSRF-Token", script, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);

        var (redirect, _, redirectHeaders) = await InvokeRawAsync("ui", "GET", body: null, new Dictionary<string, string>(), id: "", authenticate: false);
        Assert.Equal(StatusCodes.Status302Found, redirect);
        Assert.Equal("/ui/", redirectHeaders.Location.ToString());
    }

    public void Dispose() => host.Dispose();

    private IServiceProvider Services => host.Services;

    private static IEnumerable<MethodInfo> FunctionMethods() =>
        typeof(GatewayFunctions).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(GatewayFunctions)))
            .SelectMany(t => t.GetMethods())
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null);

    private async Task<(int Status, JsonNode? Body, IHeaderDictionary Headers)> InvokeAsync(
        string functionName, string method, string? body, string id = "", bool authenticate = true)
    {
        var (status, text, headers) = await InvokeRawAsync(functionName, method, body, new Dictionary<string, string>(), id, authenticate);
        return (status, text.Length == 0 ? null : JsonNode.Parse(text), headers);
    }

    private async Task<(int Status, string Body, IHeaderDictionary Headers)> InvokeRawAsync(
        string functionName, string method, string? body, IReadOnlyDictionary<string, string> requestHeaders, string id = "", bool authenticate = true)
    {
        var function = FunctionMethods().Single(m => m.GetCustomAttribute<FunctionAttribute>()!.Name == functionName);
        var context = new DefaultHttpContext { RequestServices = Services };
        context.Request.Method = method;
        context.Request.Path = "/" + functionName;
        context.Response.Body = new MemoryStream();
        if (authenticate)
        {
            context.Request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{Password}"))).ToString();
        }

        foreach (var (name, value) in requestHeaders)
        {
            context.Request.Headers[name] = value;
        }

        if (body is not null)
        {
            context.Request.ContentType = "application/json";
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        }

        var instance = ActivatorUtilities.CreateInstance(Services, function.DeclaringType!);
        // Route values after the request (id, version, ...) all get the same placeholder.
        object?[] arguments = [context.Request, .. function.GetParameters().Skip(1).Select(_ => id)];
        var result = await (Task<IResult>)function.Invoke(instance, arguments)!;
        await result.ExecuteAsync(context);

        context.Response.Body.Position = 0;
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync(TestContext.Current.CancellationToken);
        return (context.Response.StatusCode, text, context.Response.Headers);
    }
}
