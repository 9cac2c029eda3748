namespace McpGateway.Shared.Catalog.Tools;

/// <summary>One way the arguments of a tool call break its input schema.</summary>
/// <param name="Argument">
/// The offending argument as a path of names and indexes such as <c>timezone</c> or <c>items/0/id</c>;
/// empty when the arguments as a whole are at fault.
/// </param>
/// <param name="Message">What is wrong, such as "required property 'timezone' is missing" or "expected integer, got string".</param>
public sealed record ToolArgumentViolation(string Argument, string Message)
{
    public override string ToString() => Argument.Length == 0 ? Message : $"{Argument}: {Message}";

    /// <summary>All violations in one line, for an error a client (or a model) can act on.</summary>
    public static string Describe(IEnumerable<ToolArgumentViolation> violations) =>
        "Invalid arguments: " + string.Join("; ", violations) + ".";
}
