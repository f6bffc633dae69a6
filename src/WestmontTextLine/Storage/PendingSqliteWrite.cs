namespace WestmontTextLine.Storage;

/// <summary>A write queued on the <see cref="SqliteWriter"/> and its caller's task: one object a write, as every text makes two.</summary>
internal sealed class PendingSqliteWrite : TaskCompletionSource<int>
{
    private const int Queued = 0;
    private const int InTheCommit = 1;
    private const int Withdrawn = 2;

    private readonly CancellationTokenRegistration _withdraw;
    private int _state;

    public PendingSqliteWrite(ISqliteWrite write, CancellationToken cancellationToken) : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        Write = write;
        // A caller that gives up before the writer takes its change into a commit withdraws it (see SqliteWriter.Commit).
        _withdraw = cancellationToken.UnsafeRegister(static (pending, token) => ((PendingSqliteWrite)pending!).Withdraw(token), this);
    }

    public ISqliteWrite Write { get; }

    public Exception? Failure { get; set; }

    /// <summary>Whether the writer took this change into its transaction (then its caller waits for the commit).</summary>
    public bool Taken => Volatile.Read(ref _state) == InTheCommit;

    /// <summary>
    /// Called by the writer once it holds the file's write lock, just before it applies the change: false when the
    /// caller gave up first. A caller that gave up while the writer waited for the lock was answered already (a texter
    /// got the fallback); its change, committed once the lock came free, would move her on where she was not told.
    /// </summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _state, InTheCommit, Queued) == Queued;

    public void Succeed(int result)
    {
        _withdraw.Dispose();
        TrySetResult(result);
    }

    public void Fail(Exception failure)
    {
        _withdraw.Dispose();
        TrySetException(failure);
    }

    private void Withdraw(CancellationToken token)
    {
        if (Interlocked.CompareExchange(ref _state, Withdrawn, Queued) == Queued) TrySetCanceled(token);
    }
}
