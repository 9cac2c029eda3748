using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace McpGateway.Shared.Notifications.SignalRService;

/// <summary>
/// The Azure SignalR Service the gateway publishes events through, named as Azure Functions and
/// Microsoft.Azure.SignalR name it: <c>AzureSignalRConnectionString</c>. Unset, events reach only the gateway's own
/// streams (and, on the container host, its in-process SignalR hub).
/// </summary>
public sealed class SignalRServiceOptions : IValidatableObject
{
    public const string ConnectionStringSetting = "AzureSignalRConnectionString";

    /// <summary><c>Endpoint=https://name.service.signalr.net;AccessKey=...;Version=1.0;</c>, or without AccessKey and with <c>AuthType=azure</c> (Entra ID).</summary>
    [ConfigurationKeyName(ConnectionStringSetting)]
    public string? ConnectionString { get; set; }

    /// <summary>Minutes the access tokens handed to clients by the negotiate route stay valid.</summary>
    [ConfigurationKeyName("SIGNALR_CLIENT_TOKEN_EXPIRY")]
    [Range(1, 1440, ErrorMessage = "SIGNALR_CLIENT_TOKEN_EXPIRY must be between {1} and {2} minutes.")]
    public int ClientTokenExpiryMinutes { get; set; } = 60;

    public bool Configured => !string.IsNullOrWhiteSpace(ConnectionString);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Configured)
        {
            yield break;
        }

        string? error = null;
        try
        {
            SignalRServiceConnection.Parse(ConnectionString!);
        }
        catch (FormatException ex)
        {
            error = ex.Message;
        }

        if (error is not null)
        {
            yield return new ValidationResult(error, [ConnectionStringSetting]);
        }
    }
}
