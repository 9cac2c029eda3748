using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace McpGateway.Shared.Configuration;

/// <summary>Who may call the gateway, and the key that protects stored upstream credentials.</summary>
public sealed class AuthOptions : IValidatableObject
{
    public static readonly string[] SupportedJwtAlgorithms = ["HS256", "HS384", "HS512"];

    [ConfigurationKeyName("AUTH_REQUIRED")]
    public bool AuthRequired { get; set; } = true;

    [ConfigurationKeyName("BASIC_AUTH_USER")]
    public string BasicAuthUser { get; set; } = "admin";

    [ConfigurationKeyName("BASIC_AUTH_PASSWORD")]
    public string BasicAuthPassword { get; set; } = "changeme";

    /// <summary>HMAC key for bearer tokens; JWT auth is off while it is unset.</summary>
    [ConfigurationKeyName("JWT_SECRET_KEY")]
    public string? JwtSecretKey { get; set; }

    [ConfigurationKeyName("JWT_ALGORITHM")]
    public string JwtAlgorithm { get; set; } = "HS256";

    /// <summary>Lifetime of minted tokens, in minutes.</summary>
    [ConfigurationKeyName("TOKEN_EXPIRY")]
    [Range(1, 525_600, ErrorMessage = "TOKEN_EXPIRY must be between {1} and {2} minutes.")]
    public int TokenExpiryMinutes { get; set; } = 10080;

    /// <summary>Failed sign-ins a client address may make in a lockout window before its attempts are refused.</summary>
    [ConfigurationKeyName("MAX_FAILED_LOGIN_ATTEMPTS")]
    [Range(1, 100_000, ErrorMessage = "MAX_FAILED_LOGIN_ATTEMPTS must be between {1} and {2}.")]
    public int MaxFailedSignInsPerAddress { get; set; } = 10;

    /// <summary>
    /// Failed sign-ins a user name may take, from all addresses together, in a lockout window before its attempts are
    /// refused; above the per-address limit, so one address cannot lock a user out.
    /// </summary>
    [ConfigurationKeyName("MAX_FAILED_LOGIN_ATTEMPTS_PER_USER")]
    [Range(1, 100_000, ErrorMessage = "MAX_FAILED_LOGIN_ATTEMPTS_PER_USER must be between {1} and {2}.")]
    public int MaxFailedSignInsPerUser { get; set; } = 50;

    /// <summary>The window over which failed sign-ins are counted, in minutes; a refused address or user waits for its end.</summary>
    [ConfigurationKeyName("ACCOUNT_LOCKOUT_DURATION_MINUTES")]
    [Range(1, 1440, ErrorMessage = "ACCOUNT_LOCKOUT_DURATION_MINUTES must be between {1} and {2} minutes.")]
    public int LockoutWindowMinutes { get; set; } = 15;

    [ConfigurationKeyName("AUTH_ENCRYPTION_SECRET")]
    [Required(AllowEmptyStrings = false, ErrorMessage = "AUTH_ENCRYPTION_SECRET must not be empty.")]
    public string AuthEncryptionSecret { get; set; } = "my-test-salt";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!SupportedJwtAlgorithms.Contains(JwtAlgorithm, StringComparer.Ordinal))
        {
            yield return new ValidationResult($"JWT_ALGORITHM must be one of {string.Join(", ", SupportedJwtAlgorithms)}, not '{JwtAlgorithm}'.");
        }

        // RFC 7518 section 3.2: an HMAC key must be at least as long as the hash.
        var minimumKeyBytes = JwtAlgorithm switch { "HS384" => 48, "HS512" => 64, _ => 32 };
        if (JwtSecretKey is { } secret && System.Text.Encoding.UTF8.GetByteCount(secret) < minimumKeyBytes)
        {
            yield return new ValidationResult($"JWT_SECRET_KEY must be at least {minimumKeyBytes} bytes long for {JwtAlgorithm}.");
        }

        if (AuthRequired && string.IsNullOrEmpty(BasicAuthPassword) && JwtSecretKey is null)
        {
            yield return new ValidationResult("AUTH_REQUIRED is true but neither BASIC_AUTH_PASSWORD nor JWT_SECRET_KEY is set.");
        }
    }
}
