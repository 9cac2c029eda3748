using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Azure.Core;
using McpGateway.Shared.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Notifications.SignalRService;

/// <summary>
/// Azure SignalR Service's data-plane REST API (v1) for serverless mode, over HttpClient: send a hub method call to
/// every client of a hub, to a user or to a group, and manage group membership. Each request carries a token for
/// exactly its URL, valid for <see cref="RequestTokenLifetime"/>: signed with the AccessKey, or an Entra ID token.
/// </summary>
public sealed class SignalRServiceClient
{
    public static readonly TimeSpan RequestTokenLifetime = TimeSpan.FromMinutes(5);

    /// <summary>The scope Entra ID tokens for Azure SignalR Service's data plane are issued for.</summary>
    public static readonly string EntraScope = "https://signalr.azure.com/.default";

    private readonly HttpClient http;
    private readonly IOptions<SignalRServiceOptions> options;
    private readonly TimeProvider time;
    private readonly Lazy<SignalRServiceConnection?> connection;

    /// <summary>The service AzureSignalRConnectionString names, if any.</summary>
    [ActivatorUtilitiesConstructor]
    public SignalRServiceClient(HttpClient http, IOptions<SignalRServiceOptions> options, TimeProvider time)
        : this(http, options, time, new Lazy<SignalRServiceConnection?>(() => options.Value.Configured ? SignalRServiceConnection.Parse(options.Value.ConnectionString!) : null))
    {
    }

    /// <summary>A given service connection (an Entra ID credential of the caller's choosing).</summary>
    public SignalRServiceClient(HttpClient http, SignalRServiceConnection connection, IOptions<SignalRServiceOptions> options, TimeProvider time)
        : this(http, options, time, new Lazy<SignalRServiceConnection?>(connection))
    {
    }

    private SignalRServiceClient(HttpClient http, IOptions<SignalRServiceOptions> options, TimeProvider time, Lazy<SignalRServiceConnection?> connection)
    {
        this.http = http;
        this.options = options;
        this.time = time;
        this.connection = connection;
    }

    public bool Configured => connection.Value is not null;

    public Task BroadcastAsync(string hub, string target, object?[] arguments, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"api/v1/hubs/{Segment(hub)}", new HubMessage(target, arguments), cancellationToken);

    public Task SendToUserAsync(string hub, string userId, string target, object?[] arguments, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"api/v1/hubs/{Segment(hub)}/users/{Segment(userId)}", new HubMessage(target, arguments), cancellationToken);

    public Task SendToGroupAsync(string hub, string group, string target, object?[] arguments, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"api/v1/hubs/{Segment(hub)}/groups/{Segment(group)}", new HubMessage(target, arguments), cancellationToken);

    public Task AddToGroupAsync(string hub, string group, string connectionId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"api/v1/hubs/{Segment(hub)}/groups/{Segment(group)}/connections/{Segment(connectionId)}", message: null, cancellationToken);

    public Task RemoveFromGroupAsync(string hub, string group, string connectionId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"api/v1/hubs/{Segment(hub)}/groups/{Segment(group)}/connections/{Segment(connectionId)}", message: null, cancellationToken);

    /// <summary>
    /// Where a client connects for <paramref name="hub"/> and the token it presents there (a negotiate response). With an
    /// AccessKey the token is minted here (audience: the client URL); with Entra ID the service issues it.
    /// </summary>
    public async Task<(string Url, string AccessToken)> ClientAccessAsync(string hub, string? userId, CancellationToken cancellationToken)
    {
        var service = Connection;
        var url = service.ClientUrl(hub);
        var lifetime = TimeSpan.FromMinutes(options.Value.ClientTokenExpiryMinutes);
        if (service.AccessKey is not null)
        {
            return (url, service.CreateToken(url, time.GetUtcNow(), lifetime, userId));
        }

        var query = $"api-version=2022-06-01&minutesToExpire={(int)lifetime.TotalMinutes}" + (userId is null ? string.Empty : $"&userId={Uri.EscapeDataString(userId)}");
        using var response = await SendCoreAsync(HttpMethod.Post, $"api/hubs/{Segment(hub)}/:generateToken?{query}", message: null, cancellationToken).ConfigureAwait(false);
        var issued = await response.Content.ReadFromJsonAsync<GeneratedToken>(GatewayJson.Options, cancellationToken).ConfigureAwait(false);
        return (url, issued?.Token ?? throw new HttpRequestException("Azure SignalR Service returned no client token."));
    }

    private SignalRServiceConnection Connection =>
        connection.Value ?? throw new InvalidOperationException($"{SignalRServiceOptions.ConnectionStringSetting} is not set.");

    private async Task SendAsync(HttpMethod method, string path, HubMessage? message, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(method, path, message, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendCoreAsync(HttpMethod method, string pathAndQuery, HubMessage? message, CancellationToken cancellationToken)
    {
        var service = Connection;
        var url = new Uri(service.Url(pathAndQuery));
        using var request = new HttpRequestMessage(method, url)
        {
            Content = message is null ? null : JsonContent.Create(message, options: GatewayJson.Options),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", service.AccessKey is not null
            ? service.CreateToken(url.AbsoluteUri, time.GetUtcNow(), RequestTokenLifetime)
            : (await service.Credential!.GetTokenAsync(new TokenRequestContext([EntraScope]), cancellationToken).ConfigureAwait(false)).Token);
        var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var status = response.StatusCode;
            response.Dispose();
            throw new HttpRequestException($"Azure SignalR Service answered {(int)status} to {method} {url.AbsolutePath}.", inner: null, status);
        }

        return response;
    }

    private static string Segment(string value) => Uri.EscapeDataString(value);

    /// <summary>The REST API's message body: the client method to invoke and its arguments.</summary>
    private sealed record HubMessage([property: JsonPropertyName("target")] string Target, [property: JsonPropertyName("arguments")] object?[] Arguments);

    private sealed record GeneratedToken(string? Token);
}
