namespace McpGateway.Shared.Upstreams.Outbound;

/// <summary>
/// A connection the outbound policy refused. HttpClient reports it as the inner exception of its
/// <see cref="HttpRequestException"/> (and the MCP SDK may wrap that again): <see cref="FindIn"/> digs it out.
/// </summary>
public sealed class OutboundRefusedException(OutboundRefusal refusal) : Exception(refusal.ToString())
{
    public OutboundRefusal Refusal => refusal;

    public static OutboundRefusedException? FindIn(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is OutboundRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }
}
