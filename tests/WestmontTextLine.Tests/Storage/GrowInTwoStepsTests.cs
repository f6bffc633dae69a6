using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// The store's large maps grow in two steps when they pass a few thousand senders, straight to half their bound and
/// then straight to their bound: and the sender added at each moment keeps what was written for it (growing moves a
/// dictionary's entries).
/// </summary>
public sealed class GrowInTwoStepsTests : IDisposable
{
    private const int Bound = 20_000;
    private static readonly DateTimeOffset Noon = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Nodes = ["main", "law", "health", "safety"];
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"textline-grow-{Guid.NewGuid():N}.db");

    [Fact]
    public void A_map_grows_to_half_its_bound_when_it_passes_the_threshold_and_to_its_bound_when_it_fills_that()
    {
        var map = new Dictionary<int, int>();
        void Add(int i)
        {
            map[i] = i;
            GrowInTwoSteps.Added(map, Bound);
        }
        for (var i = 0; i < GrowInTwoSteps.Threshold - 1; i++) Add(i);
        Assert.True(map.EnsureCapacity(0) < Bound / 2);

        Add(-1);
        var capacity = map.EnsureCapacity(0);
        Assert.True(capacity >= Bound / 2 && capacity < Bound, $"grew to {capacity} at the threshold");

        for (var i = GrowInTwoSteps.Threshold; i < Bound / 2 - 1; i++) Add(i);
        Assert.Equal(capacity, map.EnsureCapacity(0));
        Add(-2);
        Assert.True(map.EnsureCapacity(0) >= Bound, $"grew to {map.EnsureCapacity(0)} when half full");
    }

    [Fact]
    public void A_map_with_no_bound_or_a_small_one_grows_as_it_must()
    {
        foreach (var bound in new[] { 0, GrowInTwoSteps.Threshold })
        {
            var map = new Dictionary<int, int>();
            for (var i = 0; i < GrowInTwoSteps.Threshold; i++)
            {
                map[i] = i;
                GrowInTwoSteps.Added(map, bound);
            }
            Assert.True(map.EnsureCapacity(0) < Bound, $"bound {bound}: grew to {map.EnsureCapacity(0)}");
        }
    }

    [Fact]
    public void The_native_map_keeps_every_session_through_its_growth()
    {
        using var map = new NativeSessionMap(Bound);
        for (var i = 0; i < Bound / 2 + 10; i++)
        {
            // Few node names: the texts sessions share are a table of the whole process (SharedTexts), not to be filled.
            var session = new Session(Nodes[i % Nodes.Length], "en", Noon, Version: i + 1);
            if (i % 2 == 0) map.Set(PackedSenderKey.Of($"k{i}"), session);
            else Assert.True(map.TryAdd(PackedSenderKey.Of($"k{i}"), session));
        }

        for (var i = 0; i < Bound / 2 + 10; i++)
        {
            Assert.True(map.TryGet(PackedSenderKey.Of($"k{i}"), out var session));
            Assert.Equal((i + 1L, Nodes[i % Nodes.Length]), (session!.Version, session.Node));
        }
    }

    [Fact]
    public async Task The_session_log_knows_the_version_of_the_sender_whose_first_text_made_it_grow()
    {
        var options = new SqliteSessionLogOptions(
            FoldAfter: TimeSpan.FromDays(1), FoldInterval: TimeSpan.FromHours(1), RowsPerFold: 100, MaxBacklogRows: Bound, FoldOnClose: false);
        await using var store = new SqliteSessionStore($"Data Source={_path}", options);
        for (var i = 0; i < Bound / 2 + 2; i++)
        {
            Assert.True(await store.SaveAsync($"k{i}", new Session("main", "en", Noon)));
        }

        // Each sender is at version 1 now: a save from version 1 is the next change, a save from "none" a conflict.
        foreach (var i in Enumerable.Range(GrowInTwoSteps.Threshold - 2, 4).Concat(Enumerable.Range(Bound / 2 - 2, 4)))
        {
            var stored = await store.LoadAsync($"k{i}");
            Assert.Equal(1, stored!.Version);
            Assert.False(await store.SaveAsync($"k{i}", new Session("law", "en", Noon)), $"sender {i}: a save from no session went through");
            Assert.True(await store.SaveAsync($"k{i}", stored with { Node = "law" }), $"sender {i}: the next change was refused");
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        SqliteFiles.Delete(_path);
    }
}
