using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Protocol;

/// <summary>How the gateway writes a tools/call result, whether a server core sends it or the gateway does.</summary>
public static class ToolCallResults
{
    private const string CompleteResultType = "complete";

    /// <summary>
    /// How a tool result is written. The server core would write it through the SDK's source-generated context, whose
    /// content converter (ModelContextProtocol 2.4.0) throws on content that carries annotations; written through the
    /// SDK's default options, such content passes through as it came.
    /// </summary>
    public static JsonTypeInfo<CallToolResult> Json { get; } =
        (JsonTypeInfo<CallToolResult>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(CallToolResult));

    /// <summary>
    /// The result with the <c>resultType</c> a 2026-07-28 result carries. The server core stamps a result it writes
    /// itself; one written with <see cref="Json"/> is the gateway's to stamp.
    /// </summary>
    public static CallToolResult Stamped(CallToolResult result, string? revision)
    {
        if (ProtocolRevisions.IsStateless(revision))
        {
            result.ResultType ??= CompleteResultType;
        }

        return result;
    }
}
