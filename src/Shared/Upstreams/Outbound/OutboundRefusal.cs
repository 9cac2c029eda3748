namespace McpGateway.Shared.Upstreams.Outbound;

/// <summary>Why the outbound policy refuses a host or address: <see cref="ToString"/> is the message callers see.</summary>
public sealed record OutboundRefusal(string Target, string Reason)
{
    /// <summary>The refusal of an address, told of the name that resolved to it.</summary>
    public OutboundRefusal ForName(string host) => this with { Target = $"{host} at {Target}" };

    public override string ToString() => $"outbound policy refused {Target} ({Reason})";
}
