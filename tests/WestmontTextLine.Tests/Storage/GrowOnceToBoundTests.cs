using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// The store's large maps grow once, straight to their bound, when they pass a few thousand senders: and the sender
/// added at that moment keeps what was written for it (growing moves a dictionary's entries).
/// </summary>
public sealed class GrowOnceToBoundTests : IDisposable
{
    private const int Bound = 20_000;
    private static readonly DateTimeOffset Noon = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Nodes = ["main", "law", "health", "safety"];
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"textline-grow-{Guid.NewGuid():N}.db");

    [Fact]
    public void A_map_grows_to_its_bound_when_it_passes_the_threshold_and_not_before()
    {
        var map = new Dictionary<int, int>();
        for (var i = 0; i < GrowOnceToBound.Threshold - 1; i++)
        {
            map[i] = i;
            GrowOnceToBound.Added(map, Bound);
        }
        Assert.True(map.EnsureCapacity(0) < Bound);

        map[-1] = -1;
        GrowOnceToBound.Added(map, Bound);

        Assert.True(map.EnsureCapacity(0) >= Bound);
    }

    [Fact]
    public void A_map_with_no_bound_or_a_small_one_grows_as_it_must()
    {
        foreach (var bound in new[] { 0, GrowOnceToBound.Threshold })
        {
            var map = new Dictionary<int, int>();
            for (var i = 0; i < GrowOnceToBound.Threshold; i++)
            {
                map[i] = i;
                GrowOnceToBound.Added(map, bound);
            }
            Assert.True(map.EnsureCapacity(0) < Bound, $"bound {bound}: grew to {map.EnsureCapacity(0)}");
        }
    }

    [Fact]
    public void The_native_map_keeps_every_session_through_its_growth()
    {
        using var map = new NativeSessionMap(Bound);
        for (var i = 0; i < GrowOnceToBound.Threshold + 10; i++)
        {
            // Few node names: the texts sessions share are a table of the whole process (SharedTexts), not to be filled.
            var session = new Session(Nodes[i % Nodes.Length], "en", Noon, Version: i + 1);
            if (i % 2 == 0) map.Set(PackedSenderKey.Of($"k{i}"), session);
            else Assert.True(map.TryAdd(PackedSenderKey.Of($"k{i}"), session));
        }

        for (var i = 0; i < GrowOnceToBound.Threshold + 10; i++)
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
        for (var i = 0; i < GrowOnceToBound.Threshold + 2; i++)
        {
            Assert.True(await store.SaveAsync($"k{i}", new Session("main", "en", Noon)));
        }

        // Each sender is at version 1 now: a save from version 1 is the next change, a save from "none" a conflict.
        for (var i = GrowOnceToBound.Threshold - 2; i < GrowOnceToBound.Threshold + 2; i++)
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
