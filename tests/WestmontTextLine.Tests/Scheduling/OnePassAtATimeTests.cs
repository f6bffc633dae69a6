using WestmontTextLine.Scheduling;

namespace WestmontTextLine.Tests.Scheduling;

public sealed class OnePassAtATimeTests
{
    [Fact]
    public async Task A_pass_run_by_hand_waits_for_the_pass_in_flight_before_it_runs()
    {
        var gate = new OnePassAtATime();
        var inFlight = new TaskCompletionSource();
        var order = new List<string>();
        var first = gate.RunAsync(async _ => { order.Add("first started"); await inFlight.Task; order.Add("first done"); }, CancellationToken.None);

        // The second pass does nothing that waits: run alongside the first, it would be done as RunAsync returns.
        var second = gate.RunAsync(_ => { order.Add("second"); return Task.CompletedTask; }, CancellationToken.None);
        Assert.False(second.IsCompleted);

        inFlight.SetResult();
        await Task.WhenAll(first, second);
        Assert.Equal(["first started", "first done", "second"], order);
    }

    [Fact]
    public async Task A_pass_that_fails_lets_the_next_one_run()
    {
        var gate = new OnePassAtATime();
        await Assert.ThrowsAsync<InvalidOperationException>(() => gate.RunAsync(_ => throw new InvalidOperationException(), CancellationToken.None));

        var ran = false;
        await gate.RunAsync(_ => { ran = true; return Task.CompletedTask; }, CancellationToken.None);
        Assert.True(ran);
    }
}
