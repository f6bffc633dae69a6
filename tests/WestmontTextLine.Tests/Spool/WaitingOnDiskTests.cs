using WestmontTextLine.Spool;

namespace WestmontTextLine.Tests.Spool;

/// <summary>
/// What fallback-answered SIDs and unreported outcomes wait in while the store is down: bounded, handed on oldest first,
/// and an item leaves only once it was handed on (here without a file: what a restart keeps is WaitingThroughRestartTests').
/// </summary>
public sealed class WaitingOnDiskTests
{
    [Fact]
    public async Task Items_are_handed_on_oldest_first_and_then_leave()
    {
        var waiting = InMemory(capacity: 10);
        waiting.TryAdd("first");
        waiting.TryAdd("second");
        var handedOn = new List<string>();

        await waiting.HandOnAsync((item, _) => { handedOn.Add(item); return Task.CompletedTask; }, default);

        Assert.Equal(["first", "second"], handedOn);
        Assert.Equal(0, waiting.Count);
    }

    [Fact]
    public void Past_its_capacity_an_item_is_refused_and_not_counted()
    {
        var waiting = InMemory(capacity: 2);

        Assert.True(waiting.TryAdd("1"));
        Assert.True(waiting.TryAdd("2"));
        Assert.False(waiting.TryAdd("3"));
        Assert.Equal(2, waiting.Count);
    }

    [Fact]
    public async Task A_failure_keeps_the_failed_item_and_those_after_it_for_the_next_pass()
    {
        var waiting = InMemory(capacity: 10);
        foreach (var item in new[] { "a", "b", "c" }) waiting.TryAdd(item);
        var handedOn = new List<string>();
        Task HandOnUnlessB(string item, CancellationToken _)
        {
            if (item == "b") throw new InvalidOperationException("the store did not answer");
            handedOn.Add(item);
            return Task.CompletedTask;
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => waiting.HandOnAsync(HandOnUnlessB, default));
        Assert.Equal(["a"], handedOn);
        Assert.Equal(2, waiting.Count);

        await waiting.HandOnAsync((item, _) => { handedOn.Add(item); return Task.CompletedTask; }, default);
        Assert.Equal(["a", "b", "c"], handedOn);
        Assert.Equal(0, waiting.Count);
    }

    [Fact]
    public async Task Room_freed_by_handing_on_takes_new_items()
    {
        var waiting = InMemory(capacity: 1);
        waiting.TryAdd("1");
        await waiting.HandOnAsync((_, _) => Task.CompletedTask, default);

        Assert.True(waiting.TryAdd("2"));
    }

    private static WaitingOnDisk<string> InMemory(int capacity) => new(new SpoolFile(path: null, capacity), item => item, line => line);
}
