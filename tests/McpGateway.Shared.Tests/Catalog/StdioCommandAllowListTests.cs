using McpGateway.Shared.Catalog.Gateways;
using McpGateway.Shared.Configuration;
using Microsoft.Extensions.Options;

namespace McpGateway.Shared.Tests.Catalog;

public sealed class StdioCommandAllowListTests
{
    private static StdioCommandAllowList AllowList(string? setting) => new(Options.Create(new FederationOptions { StdioAllowedCommands = setting }));

    private static string Dotnet => ExecutableLookup.Find("dotnet") ?? throw new InvalidOperationException("dotnet is not on PATH.");

    [Fact]
    public void Without_the_setting_no_program_may_run_and_the_refusal_names_the_setting()
    {
        var allowList = AllowList(null);

        Assert.Null(allowList.Resolve("dotnet"));
        Assert.Null(allowList.Resolve(Dotnet));
        Assert.Contains("STDIO_ALLOWED_COMMANDS", allowList.Refusal("dotnet"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_listed_name_allows_that_program_by_name_and_by_its_full_path()
    {
        var allowList = AllowList("dotnet");

        Assert.Equal(Dotnet, allowList.Resolve("dotnet"));
        Assert.Equal(Dotnet, allowList.Resolve(Dotnet));
    }

    [Fact]
    public void A_listed_absolute_path_allows_the_name_that_finds_that_file_on_path()
    {
        Assert.Equal(Dotnet, AllowList($"[\"{Dotnet}\"]").Resolve("dotnet"));
    }

    [Fact]
    public void Other_programs_relative_paths_and_unknown_names_are_refused()
    {
        var allowList = AllowList("dotnet");

        Assert.Null(allowList.Resolve("sh"));
        Assert.Null(allowList.Resolve("/bin/sh"));
        Assert.Null(allowList.Resolve("./dotnet"));
        Assert.Null(allowList.Resolve("no-such-program-" + Guid.NewGuid().ToString("N")));
        Assert.Contains("STDIO_ALLOWED_COMMANDS", allowList.Refusal("sh"), StringComparison.Ordinal);
    }
}
