using System.Collections.Immutable;
using System.Text.Json.Nodes;
using CsCheck;

namespace McpGateway.Fuzz.Tests;

/// <summary>Builds JSON objects member by member: each member present or not, with a plausible or a random value.</summary>
public static class Members
{
    /// <summary>An object holding some of <paramref name="members"/>; a present member is mostly plausible, sometimes any JSON.</summary>
    public static Gen<JsonObject> ObjectOf(IEnumerable<(string Name, Gen<JsonNode?> Plausible)> members) =>
        members.Aggregate(
            Gen.Const(ImmutableList<(string, JsonNode?)>.Empty),
            (chosen, member) => Gen.Select(chosen, Maybe(member.Plausible), (list, value) => value.Present ? list.Add((member.Name, value.Value)) : list))
            .Select(chosen =>
            {
                var obj = new JsonObject();
                foreach (var (name, value) in chosen)
                {
                    obj[name] = value;
                }

                return obj;
            });

    public static Gen<JsonNode?> Strings(params string[] values) => Gen.OneOf(values).Select(value => (JsonNode?)value);

    public static Gen<JsonNode?> Node(Gen<JsonObject> obj) => obj.Select(value => (JsonNode?)value);

    private static Gen<(bool Present, JsonNode? Value)> Maybe(Gen<JsonNode?> plausible) => Gen.Frequency(
        (5, Gen.Const((false, (JsonNode?)null))),
        (4, plausible.Select(value => (true, value))),
        (1, JsonGen.Value.Select(value => (true, value))));
}
