using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using McpGateway.Shared.Transports;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpGateway.Host.Transports.WebSockets;

/// <summary>
/// The SDK's <see cref="ITransport"/> over a WebSocket: one JSON-RPC message per WebSocket message, each way.
/// A message that is not valid JSON-RPC is answered with a JSON-RPC error and the connection stays open.
/// </summary>
public sealed class WebSocketServerTransport(WebSocket socket, long maxMessageBytes, ILoggerFactory loggers)
    : TransportBase("Server (WebSocket)", loggers)
{
    private readonly SemaphoreSlim sendLock = new(1, 1);

    /// <summary>
    /// Reads the client's messages into the server core until the client closes the connection or
    /// <paramref name="cancellationToken"/> fires; <paramref name="annotate"/> adds what the upgrade request knew.
    /// </summary>
    public async Task ReceiveAsync(Action<JsonRpcMessage> annotate, CancellationToken cancellationToken)
    {
        SetConnected();
        try
        {
            while (await ReadMessageAsync(cancellationToken).ConfigureAwait(false) is { } body)
            {
                if (body.Length > maxMessageBytes)
                {
                    await CloseAsync(WebSocketCloseStatus.MessageTooBig, $"Messages are limited to MAX_REQUEST_BODY_SIZE ({maxMessageBytes} bytes).").ConfigureAwait(false);
                    return;
                }

                var message = JsonRpcMessageReader.ReadMessage(JsonRpcMessageReader.ParseJson(body, out var parseError), out var invalid);
                if (message is null)
                {
                    await SendMessageAsync((parseError ?? invalid)!, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                annotate(message);
                await WriteMessageAsync(message, cancellationToken).ConfigureAwait(false);
            }

            await CloseAsync(WebSocketCloseStatus.NormalClosure, "Closed by the client.").ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client vanished, stopped answering pings, or the host is stopping.
        }
        finally
        {
            SetDisconnected();
        }
    }

    public override async Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(message, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage)));
        await sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A message for a connection that has just closed has nobody to reach.
            if (socket.State == WebSocketState.Open)
            {
                await socket.SendAsync(json, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            sendLock.Release();
        }
    }

    public override ValueTask DisposeAsync()
    {
        SetDisconnected();
        return ValueTask.CompletedTask;
    }

    /// <summary>The next whole message (text or binary, as UTF-8 JSON), or null once the client closes.</summary>
    private async Task<byte[]?> ReadMessageAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.GetMemory(16 * 1024), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            buffer.Advance(result.Count);
            if (result.EndOfMessage || buffer.WrittenCount > maxMessageBytes)
            {
                return buffer.WrittenSpan.ToArray();
            }
        }
    }

    private async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await socket.CloseOutputAsync(status, reason, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
