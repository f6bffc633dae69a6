namespace WestmontTextLine.Tests.Support;

/// <summary>
/// A thread a test caught on its way into a lock (through one of the writer's test hooks). Blocked on the lock, .NET
/// reports it as waiting (WaitSleepJoin): the test can see it wait there instead of guessing from the time it takes.
/// </summary>
public sealed class WaitingThread
{
    private static readonly TimeSpan NeverLongerThan = TimeSpan.FromSeconds(30);

    private readonly ManualResetEventSlim _caught = new();
    private Thread? _thread;

    /// <summary>Call from the hook, on the thread to watch.</summary>
    public void Catch()
    {
        _thread = Thread.CurrentThread;
        _caught.Set();
    }

    /// <summary>
    /// Waits, without an await (the caller may hold the lock in question), until the caught thread waits or the work
    /// it does has finished; true when it waits with that work unfinished.
    /// </summary>
    public bool WaitsBefore(Task work)
    {
        Assert.True(_caught.Wait(NeverLongerThan), "the thread never came to the lock");
        var thread = _thread!;
        Assert.True(SpinWait.SpinUntil(() => work.IsCompleted || (thread.ThreadState & ThreadState.WaitSleepJoin) != 0, NeverLongerThan),
            "the thread neither waited nor finished");
        return !work.IsCompleted;
    }
}
