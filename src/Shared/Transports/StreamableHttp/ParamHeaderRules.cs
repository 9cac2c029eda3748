using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Transports.StreamableHttp;

/// <summary>
/// SEP-2243's parameter headers: a tool argument whose schema carries <c>x-mcp-header: Name</c> travels in an
/// <c>Mcp-Param-Name</c> header too (base64-wrapped when not plain ASCII), and the two must agree, so that
/// intermediaries routing on the header cannot be told something the body contradicts.
/// </summary>
public static class ParamHeaderRules
{
    private const string HeaderPrefix = "Mcp-Param-";

    /// <returns>Null when every annotated argument's header agrees with the body, else what is wrong.</returns>
    public static string? Check(HttpRequest request, JsonElement inputSchema, JsonObject? arguments)
    {
        if (!inputSchema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in properties.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Object
                || !property.Value.TryGetProperty("x-mcp-header", out var annotation)
                || annotation.GetString() is not { Length: > 0 } headerName)
            {
                continue;
            }

            var header = HeaderPrefix + headerName;
            var argument = arguments?[property.Name];
            var sent = request.Headers[header].ToString().Trim();
            if (sent.Length == 0)
            {
                if (argument is not null && argument.GetValueKind() != JsonValueKind.Null)
                {
                    return $"The {header} header is required: argument '{property.Name}' is annotated with x-mcp-header.";
                }

                continue;
            }

            if (sent.Any(c => c < 0x20 && c != '\t' || c > 0x7E) || McpHeaderEncoder.DecodeValue(sent) is not { } decoded)
            {
                return $"The {header} header is not valid (plain visible ASCII, or =?base64?...?= for anything else).";
            }

            if (argument is not null && McpHeaderEncoder.ConvertToHeaderValue(argument) is { } expected
                && McpHeaderEncoder.DecodeValue(expected) != decoded)
            {
                return $"The {header} header does not match argument '{property.Name}' of the body.";
            }
        }

        return null;
    }
}
