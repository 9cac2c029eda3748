using Microsoft.Extensions.Configuration;

namespace McpGateway.Shared.Configuration;

/// <summary>The browser Admin UI and the catalog-wide admin operations (export, import), as ContextForge switches them.</summary>
public sealed class AdminOptions
{
    /// <summary>Serves the Admin UI and its cookie sign-in (<c>/auth/session</c>).</summary>
    [ConfigurationKeyName("MCPGATEWAY_UI_ENABLED")]
    public bool UiEnabled { get; set; } = true;

    /// <summary>Serves <c>/export</c> and <c>/import</c>.</summary>
    [ConfigurationKeyName("MCPGATEWAY_ADMIN_API_ENABLED")]
    public bool AdminApiEnabled { get; set; } = true;
}
