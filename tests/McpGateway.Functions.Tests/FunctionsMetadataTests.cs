using System.Text.Json.Nodes;
using McpGateway.Host;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace McpGateway.Functions.Tests;

/// <summary>The Functions app and the container host expose exactly the same routes.</summary>
public sealed class FunctionsMetadataTests
{
    private static readonly string OutputFolder = RepositoryPaths.Combine("src", "Functions", "bin", RepositoryPaths.Configuration, "net10.0");

    [Fact]
    public void Generated_metadata_lists_the_same_routes_as_the_host()
    {
        var functions = HttpFunctions().ToDictionary(f => f.Name, f => f.Route);
        var host = HostRoutes();

        Assert.NotEmpty(host);
        Assert.Equal(host.OrderBy(r => r.Key), functions.OrderBy(r => r.Key));
    }

    [Fact]
    public void Only_routes_the_functions_host_reserves_move_and_none_of_its_functions_starts_with_admin()
    {
        // The Functions host keeps /admin for its own API: the Admin UI is served at /ui there.
        var moved = GatewayRouteTable.Routes.Where(r => r.FunctionsTemplate != r.Template).ToList();
        Assert.All(moved, r => Assert.StartsWith("admin/", r.Template, StringComparison.Ordinal));
        Assert.Equal("ui/{*path}", GatewayRouteTable.Get("ui").FunctionsTemplate);
        Assert.DoesNotContain(HttpFunctions(), f => f.Name.StartsWith("admin", StringComparison.OrdinalIgnoreCase)
            || f.Route.StartsWith("admin", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Http_functions_are_anonymous_at_the_platform_and_accept_every_method()
    {
        // Authentication and 405s are the gateway's own (RouteDispatcher), identical on both hosts.
        Assert.All(HttpFunctions(), f =>
        {
            Assert.Equal("Anonymous", f.Trigger["authLevel"]?.GetValue<string>());
            Assert.Null(f.Trigger["methods"]);
        });
    }

    [Fact]
    public void Host_json_serves_routes_without_a_prefix()
    {
        var hostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(OutputFolder, "host.json")))!;
        Assert.Equal(string.Empty, hostJson["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
    }

    private static IEnumerable<(string Name, string Route, JsonNode Trigger)> HttpFunctions()
    {
        var metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(OutputFolder, "functions.metadata")))!.AsArray();
        foreach (var function in metadata)
        {
            var trigger = function!["bindings"]!.AsArray().SingleOrDefault(b => b!["type"]!.GetValue<string>() == "httpTrigger");
            if (trigger is not null)
            {
                yield return (function["name"]!.GetValue<string>(), trigger["route"]!.GetValue<string>(), trigger);
            }
        }
    }

    private static Dictionary<string, string> HostRoutes()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddGatewayCore(new ConfigurationBuilder().Build(), "container");
        using var app = builder.Build();
        app.MapGateway();
        return ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Select(e => e.Metadata.GetRequiredMetadata<IEndpointNameMetadata>().EndpointName)
            .ToDictionary(name => name, name => GatewayRouteTable.Get(name).FunctionsTemplate);
    }
}
