namespace McpGateway.Shared.Prompts;

/// <summary>A rendered prompt in ContextForge's (and MCP's prompts/get) shape.</summary>
public sealed record PromptResult(IReadOnlyList<PromptMessage> Messages, string? Description);

/// <param name="Role">"user" or "assistant".</param>
public sealed record PromptMessage(string Role, PromptContent Content)
{
    public const string UserRole = "user";
    public const string AssistantRole = "assistant";

    private const string UserMarker = "# User:";
    private const string AssistantMarker = "# Assistant:";

    public static PromptMessage User(string text) => new(UserRole, PromptContent.OfText(text));

    /// <summary>
    /// Splits rendered text into messages at lines starting with <c># User:</c> or <c># Assistant:</c>,
    /// as ContextForge does, so one template can script a conversation; text before any marker is the user's.
    /// </summary>
    public static IReadOnlyList<PromptMessage> Split(string text)
    {
        var messages = new List<PromptMessage>();
        var role = UserRole;
        List<string>? lines = null;
        foreach (var line in text.Split('\n'))
        {
            var nextRole = line.StartsWith(UserMarker, StringComparison.Ordinal) ? UserRole
                : line.StartsWith(AssistantMarker, StringComparison.Ordinal) ? AssistantRole
                : null;
            if (nextRole is null)
            {
                (lines ??= []).Add(line);
                continue;
            }

            Flush();
            role = nextRole;
        }

        Flush();
        return messages;

        void Flush()
        {
            if (lines is not null)
            {
                messages.Add(new PromptMessage(role, PromptContent.OfText(string.Join('\n', lines).Trim())));
                lines = null;
            }
        }
    }
}

/// <param name="Type">The content type; "text" for rendered templates.</param>
public sealed record PromptContent(string Type, string Text)
{
    public static PromptContent OfText(string text) => new("text", text);
}
