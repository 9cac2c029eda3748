using McpGateway.Shared.Federation;
using McpGateway.Shared.Storage;
using McpGateway.Testing;

namespace McpGateway.Shared.Tests.Storage;

/// <summary>Instances that fire the same timer together do the work once per interval.</summary>
public sealed class JobLeaseTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Of_many_instances_claiming_at_once_exactly_one_wins_and_the_next_turn_waits_for_the_interval()
    {
        var storage = Storage();
        var instances = Enumerable.Range(0, 8).Select(_ => new JobLease(storage, TimeProvider.System)).ToList();

        var claims = await Task.WhenAll(instances.Select(lease => lease.TryClaimAsync("job", TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken)));
        Assert.Single(claims, won => won);
        Assert.False(await instances[0].TryClaimAsync("job", TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken));

        await Task.Delay(TimeSpan.FromSeconds(2.5), TestContext.Current.CancellationToken);
        var next = await Task.WhenAll(instances.Select(lease => lease.TryClaimAsync("job", TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken)));
        Assert.Single(next, won => won);
    }

    private CatalogStorage Storage()
    {
        return TestStorage.Unique(azurite.ConnectionString, "jl");
    }
}
