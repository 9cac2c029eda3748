using McpGateway.Shared.Auth;

namespace McpGateway.Host;

/// <summary>
/// <c>McpGateway.Host token [-u user] [-e minutes]</c>: prints a bearer token signed with JWT_SECRET_KEY,
/// like ContextForge's <c>create_jwt_token</c>.
/// </summary>
public static class TokenCommand
{
    public const string Name = "token";

    public static int Run(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var username = "admin";
        int? minutes = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "-u" or "--username" when i + 1 < args.Count:
                    username = args[++i];
                    break;
                case "-e" or "--exp" when i + 1 < args.Count && int.TryParse(args[i + 1], out var value) && value > 0:
                    minutes = value;
                    i++;
                    break;
                default:
                    error.WriteLine($"Unknown or incomplete option '{args[i]}'. Usage: token [-u username] [-e minutes]");
                    return 2;
            }
        }

        var tokens = services.GetRequiredService<TokenService>();
        if (!tokens.Enabled)
        {
            error.WriteLine("JWT_SECRET_KEY is not set: set it (at least 32 characters for HS256) to mint tokens.");
            return 1;
        }

        output.WriteLine(tokens.Mint(username, minutes is null ? null : TimeSpan.FromMinutes(minutes.Value)));
        return 0;
    }
}
