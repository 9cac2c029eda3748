using System.Net;

namespace McpGateway.Host.Tests;

/// <summary>
/// DELETEs racing each other and PUTs on one item: one DELETE wins, the losers are told the item is gone (404) or
/// changed under them (409/412), never a 5xx, and the item ends deleted.
/// </summary>
public sealed class ConcurrentDeleteTests(GatewayHostFixture gateway) : IClassFixture<GatewayHostFixture>
{
    private const int Rounds = 20;
    private const int RequestsPerRound = 8;

    private static readonly HttpStatusCode[] Expected =
        [HttpStatusCode.OK, HttpStatusCode.NoContent, HttpStatusCode.NotFound, HttpStatusCode.Conflict, HttpStatusCode.PreconditionFailed];

    [Fact]
    public async Task Racing_deletes_and_updates_answer_success_or_not_found_or_conflict()
    {
        using var client = gateway.Host.CreateClient();
        for (var round = 0; round < Rounds; round++)
        {
            var name = $"doomed-{round}-{Guid.NewGuid():N}";
            var created = await (await client.PostJsonAsync("tools", $$"""{"name":"{{name}}","url":"http://127.0.0.1:1/x"}""")).ExpectAsync(HttpStatusCode.Created);
            var id = created["id"]!.GetValue<string>();

            var responses = await Task.WhenAll(Enumerable.Range(0, RequestsPerRound).Select(i => i % 2 == 0
                ? client.DeleteAsync($"tools/{id}", TestContext.Current.CancellationToken)
                : client.PutJsonAsync($"tools/{id}", $$"""{"description":"update {{i}}"}""")));

            foreach (var response in responses)
            {
                var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                Assert.True(Expected.Contains(response.StatusCode), $"Round {round}: {response.RequestMessage!.Method} answered {(int)response.StatusCode}: {body}");
            }

            Assert.Single(responses, r => r.RequestMessage!.Method == HttpMethod.Delete && r.IsSuccessStatusCode);
            var after = await client.GetAsync($"tools/{id}", TestContext.Current.CancellationToken);
            await after.ExpectProblemAsync(HttpStatusCode.NotFound);
        }
    }
}
