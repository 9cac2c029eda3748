using Azure.Data.Tables;
using McpGateway.Shared.Configuration;
using McpGateway.Shared.Storage;
using McpGateway.Shared.Tests.Storage;
using McpGateway.Shared.Transports.StreamableHttp;
using McpGateway.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ModelContextProtocol.Protocol;

namespace McpGateway.Shared.Tests.Transports;

/// <summary>
/// Sessions are served from memory by the instance holding them; storage is read on a miss and once per refresh
/// interval, and written when the session changes, so an end on another instance is seen within that interval.
/// Each store here is one instance; all share one storage account.
/// </summary>
public sealed class McpSessionStoreTests(AzuriteFixture azurite) : IDisposable
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(60);

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly CatalogStorage storage = Storage(azurite.ConnectionString);
    private readonly List<McpSessionStore> stores = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_session_opened_on_one_instance_is_read_by_another_on_its_first_request_and_held_there()
    {
        var (first, second) = (Instance(), Instance());
        var session = await OpenAsync(first);

        Assert.Equal(session.Initialize.ClientInfo.Name, (await second.FindAsync(session.Id, Ct))?.Initialize.ClientInfo.Name);

        // Gone from storage behind both instances' backs: each still serves it from memory, within the refresh interval.
        await DeleteRowAsync(session.Id);
        time.Advance(Refresh - TimeSpan.FromSeconds(1));
        Assert.NotNull(await first.FindAsync(session.Id, Ct));
        Assert.NotNull(await second.FindAsync(session.Id, Ct));
    }

    [Fact]
    public async Task A_session_deleted_on_one_instance_is_refused_there_at_once_and_on_another_within_the_refresh_interval()
    {
        var (first, second) = (Instance(), Instance());
        var session = await OpenAsync(first);
        Assert.NotNull(await second.FindAsync(session.Id, Ct));
        var endedOnSecond = second.Ending(session.Id);

        Assert.True(await first.DeleteAsync(session.Id, Ct));
        Assert.Null(await first.FindAsync(session.Id, Ct));

        time.Advance(Refresh);
        Assert.Null(await second.FindAsync(session.Id, Ct));
        Assert.True(endedOnSecond.IsCancellationRequested);
    }

    [Fact]
    public async Task Requests_within_the_refresh_interval_write_nothing_and_the_last_seen_time_moves_once_per_interval()
    {
        var instance = Instance();
        var session = await OpenAsync(instance);
        var written = (await RowAsync(session.Id)).ETag;

        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.NotNull(await instance.FindAsync(session.Id, Ct));
        }

        Assert.Equal(written, (await RowAsync(session.Id)).ETag);

        time.Advance(Refresh);
        Assert.NotNull(await instance.FindAsync(session.Id, Ct));
        var touched = await RowAsync(session.Id);
        Assert.NotEqual(written, touched.ETag);
        Assert.Equal(time.GetUtcNow(), touched.GetDateTimeOffset("LastSeen"));
    }

    [Fact]
    public async Task A_log_level_set_on_one_instance_reaches_another_within_the_refresh_interval()
    {
        var (first, second) = (Instance(), Instance());
        var session = await OpenAsync(first);
        Assert.Null((await second.FindAsync(session.Id, Ct))!.LogLevel);

        await first.SetLogLevelAsync(session.Id, LoggingLevel.Warning, Ct);
        Assert.Equal(LoggingLevel.Warning, (await first.FindAsync(session.Id, Ct))!.LogLevel);

        time.Advance(Refresh);
        Assert.Equal(LoggingLevel.Warning, (await second.FindAsync(session.Id, Ct))!.LogLevel);
    }

    [Fact]
    public async Task A_session_unused_for_the_idle_timeout_ends_on_every_instance_and_its_row_goes()
    {
        var (first, second) = (Instance(), Instance());
        var session = await OpenAsync(first);
        var endedOnFirst = first.Ending(session.Id);

        time.Advance(IdleTimeout + Refresh);
        Assert.True(endedOnFirst.IsCancellationRequested, "The instance let go of the idle session.");
        Assert.Null(await second.FindAsync(session.Id, Ct));
        Assert.Null(await first.FindAsync(session.Id, Ct));
        var table = await storage.RawTable("mcpsessions").GetAsync(Ct);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("session", session.Id, cancellationToken: Ct)).HasValue);
    }

    [Fact]
    public async Task A_session_in_use_on_one_instance_does_not_idle_out_on_another()
    {
        var (first, second) = (Instance(), Instance());
        var session = await OpenAsync(first);

        for (var elapsed = TimeSpan.Zero; elapsed <= IdleTimeout * 2; elapsed += Refresh)
        {
            time.Advance(Refresh);
            Assert.NotNull(await first.FindAsync(session.Id, Ct));
        }

        Assert.NotNull(await second.FindAsync(session.Id, Ct));
    }

    [Fact]
    public void Settings_are_checked_at_start_naming_the_setting()
    {
        var errors = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        var options = new McpSessionOptions { RefreshIntervalSeconds = 30, IdleTimeoutSeconds = 60 };
        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), errors, validateAllProperties: true));
        Assert.Contains("MCP_SESSION_IDLE_TIMEOUT", Assert.Single(errors).ErrorMessage, StringComparison.Ordinal);

        errors.Clear();
        options = new McpSessionOptions { RefreshIntervalSeconds = 0 };
        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), errors, validateAllProperties: true));
        Assert.Contains("MCP_SESSION_REFRESH_INTERVAL", Assert.Single(errors).ErrorMessage, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var store in stores)
        {
            store.Dispose();
        }
    }

    private static CatalogStorage Storage(string connection)
    {
        return TestStorage.Unique(connection, "ss");
    }

    private McpSessionStore Instance()
    {
        var store = new McpSessionStore(
            storage, time, Options.Create(new McpSessionOptions { RefreshIntervalSeconds = (int)Refresh.TotalSeconds, IdleTimeoutSeconds = (int)IdleTimeout.TotalSeconds }));
        stores.Add(store);
        return store;
    }

    private async Task<McpSession> OpenAsync(McpSessionStore store)
    {
        var session = new McpSession(
            McpSessionStore.NewSessionId(),
            ServerId: null,
            User: "admin",
            new InitializeRequestParams { ProtocolVersion = "2025-11-25", Capabilities = new(), ClientInfo = new() { Name = "store-tests", Version = "1" } },
            time.GetUtcNow());
        await store.SaveAsync(session, Ct);
        return session;
    }

    private async Task<TableEntity> RowAsync(string sessionId)
    {
        var table = await storage.RawTable("mcpsessions").GetAsync(Ct);
        return (await table.GetEntityAsync<TableEntity>("session", sessionId, cancellationToken: Ct)).Value;
    }

    private async Task DeleteRowAsync(string sessionId)
    {
        var table = await storage.RawTable("mcpsessions").GetAsync(Ct);
        await table.DeleteEntityAsync("session", sessionId, cancellationToken: Ct);
    }
}
