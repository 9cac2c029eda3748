using System.Security.Claims;
using McpGateway.Shared.Transports.StreamableHttp;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Transports;

/// <summary>
/// Facts of the HTTP request a message came with that the server core reads from the message (as the SDK's own
/// host sets them): the caller, and its headers for the passthrough_headers of federated calls.
/// </summary>
public static class HttpMessageContext
{
    public static void Annotate(JsonRpcMessage message, ClaimsPrincipal user, IHeaderDictionary headers, string? version)
    {
        message.Context ??= new JsonRpcMessageContext();
        message.Context.User = user;
        message.Context.Items ??= new Dictionary<string, object?>();
        message.Context.Items[StreamableHttpEndpoint.ClientHeadersItem] = headers;
        if (!string.IsNullOrEmpty(version))
        {
            message.Context.ProtocolVersion = version;
        }
    }

    /// <summary>
    /// A copy of a request's headers for a message served after its request has ended (legacy SSE answers on the
    /// stream, not the POST): the server reuses a finished request's header collection.
    /// </summary>
    public static IHeaderDictionary Snapshot(IHeaderDictionary headers) =>
        new HeaderDictionary(headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase));
}
