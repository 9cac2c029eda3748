using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace McpGateway.Shared.Tests.Notifications;

/// <summary>
/// A stand-in for Azure SignalR Service's REST endpoint on 127.0.0.1 (Kestrel): it accepts a request (202) only when its
/// bearer token is signed with the access key, has the request's URL as audience and expires within
/// <see cref="MaxTokenLifetime"/>, or is an "Entra ID" token of <see cref="EntraCredential"/> for the service's scope;
/// otherwise 401. <c>:generateToken</c> answers <see cref="IssuedClientToken"/>. Every request is recorded.
/// </summary>
public sealed class SignalRServiceListener : IAsyncDisposable
{
    public const string AccessKey = "listener-access-key-0123456789abcdefghijklmnop";
    public const string IssuedClientToken = "client-token-issued-by-the-service";
    public static readonly TimeSpan MaxTokenLifetime = TimeSpan.FromMinutes(10);

    private readonly WebApplication app;

    private SignalRServiceListener(WebApplication app) => this.app = app;

    private readonly SemaphoreSlim recorded = new(0);

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>The first <paramref name="count"/> requests, once they have arrived (relays leave the writer's request).</summary>
    public async Task<RecordedRequest[]> WaitForRequestsAsync(int count, CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i++)
        {
            await recorded.WaitAsync(cancellationToken);
        }

        return Requests.Take(count).ToArray();
    }

    public Uri Endpoint => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

    public string ConnectionString(string key = AccessKey) => $"Endpoint={Endpoint.AbsoluteUri.TrimEnd('/')};AccessKey={key};Version=1.0;";

    public static async Task<SignalRServiceListener> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var listener = new SignalRServiceListener(app);
        app.Run(listener.HandleAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return listener;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var url = request.GetEncodedUrl();
        var body = await new StreamReader(request.Body, Encoding.UTF8).ReadToEndAsync(context.RequestAborted);
        var header = request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : string.Empty;
        var signedWithKey = await ValidAsync(token, AccessKey, url);
        var authorized = signedWithKey is not null
            ? signedWithKey.ValidTo <= DateTime.UtcNow + MaxTokenLifetime
            : await ValidAsync(token, EntraCredential.SigningKey, EntraCredential.Audience) is not null;
        Requests.Enqueue(new RecordedRequest(request.Method, request.Path + request.QueryString, body.Length == 0 ? null : JsonNode.Parse(body), authorized));
        recorded.Release();
        if (!authorized)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        }
        else if (request.Path.Value!.EndsWith("/:generateToken", StringComparison.Ordinal))
        {
            await context.Response.WriteAsJsonAsync(new { token = IssuedClientToken }, context.RequestAborted);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status202Accepted;
        }
    }

    private static async Task<JsonWebToken?> ValidAsync(string token, string key, string audience)
    {
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = false,
            ValidAudience = audience,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.Zero,
        });
        return validation.IsValid ? (JsonWebToken)validation.SecurityToken : null;
    }

    public sealed record RecordedRequest(string Method, string PathAndQuery, JsonNode? Body, bool Authorized);
}
