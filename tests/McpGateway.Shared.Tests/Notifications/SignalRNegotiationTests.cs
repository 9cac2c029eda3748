using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Http;
using McpGateway.Shared.Notifications.SignalRService;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace McpGateway.Shared.Tests.Notifications;

/// <summary>POST /hubs/events/negotiate through the gateway's dispatcher (as the Functions app serves it).</summary>
public sealed class SignalRNegotiationTests
{
    private const string Password = "negotiate-password";
    private const string Key = "negotiate-access-key-0123456789abcdefghijklmnop";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Returns_the_service_client_url_and_a_token_for_it_naming_the_caller()
    {
        var (status, body) = await NegotiateAsync($"Endpoint=https://demo.service.signalr.net;AccessKey={Key};Version=1.0;");

        Assert.Equal(StatusCodes.Status200OK, status);
        var url = body["url"]!.GetValue<string>();
        Assert.Equal("https://demo.service.signalr.net/client/?hub=events", url);
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(body["accessToken"]!.GetValue<string>(), new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Key)),
            ValidateIssuer = false,
            ValidAudience = url,
            RequireExpirationTime = true,
        });
        Assert.True(validation.IsValid, validation.Exception?.Message);
        Assert.Equal("admin", validation.Claims["nameid"]);
        var expires = ((JsonWebToken)validation.SecurityToken).ValidTo;
        Assert.InRange(expires, DateTime.UtcNow.AddMinutes(59), DateTime.UtcNow.AddMinutes(61));
    }

    [Fact]
    public async Task Without_Azure_SignalR_Service_the_route_answers_404_naming_the_setting()
    {
        var (status, body) = await NegotiateAsync(connectionString: null);

        Assert.Equal(StatusCodes.Status404NotFound, status);
        Assert.Contains(SignalRServiceOptions.ConnectionStringSetting, body["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AccessKey=" + Key, "Endpoint=")]
    [InlineData("Endpoint=https://demo.service.signalr.net;AccessKey=short", "shorter than 32 bytes")]
    [InlineData("Endpoint=https://demo.service.signalr.net;Version=1.0", "AuthType=azure")]
    [InlineData("Endpoint=https://demo.service.signalr.net;Port=eighty;AccessKey=" + Key, "Port")]
    public void Bad_connection_strings_fail_with_a_message_that_names_the_setting_and_hides_the_key(string connectionString, string expected)
    {
        var failure = Assert.Throws<FormatException>(() => SignalRServiceConnection.Parse(connectionString));

        Assert.Contains(SignalRServiceOptions.ConnectionStringSetting, failure.Message, StringComparison.Ordinal);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_string_without_a_key_uses_Entra_ID_and_a_port_joins_the_endpoint()
    {
        var identity = SignalRServiceConnection.Parse("Endpoint=https://demo.service.signalr.net;AuthType=azure.msi;ClientId=00000000-0000-0000-0000-000000000001;Version=1.0;");
        var local = SignalRServiceConnection.Parse($"Endpoint=http://localhost;Port=8888;AccessKey={Key};");

        Assert.Null(identity.AccessKey);
        Assert.NotNull(identity.Credential);
        Assert.Equal("http://localhost:8888/api/v1/hubs/events", local.Url("api/v1/hubs/events"));
    }

    private static async Task<(int Status, JsonNode Body)> NegotiateAsync(string? connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BASIC_AUTH_PASSWORD"] = Password,
            [SignalRServiceOptions.ConnectionStringSetting] = connectionString,
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddGatewayCore(configuration, "functions").BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "POST";
        context.Request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{Password}"))).ToString();
        context.Response.Body = new MemoryStream();

        var result = await services.GetRequiredService<RouteDispatcher>().DispatchAsync(
            GatewayRouteTable.Get(SignalRNegotiation.RouteName), context, new Dictionary<string, string?>());
        await result.ExecuteAsync(context);

        return (context.Response.StatusCode, JsonNode.Parse(Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()))!);
    }
}
