namespace WestmontTextLine.Storage;

/// <summary>A write queued on the <see cref="SqliteWriter"/> and its caller's task: one object a write, as every text makes two.</summary>
internal sealed class PendingSqliteWrite : TaskCompletionSource<int>
{
    private readonly CancellationTokenRegistration _withdraw;

    public PendingSqliteWrite(ISqliteWrite write, CancellationToken cancellationToken) : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        Write = write;
        // A caller that gives up before the writer reaches its change withdraws it (see SqliteWriter.CommitLoopAsync).
        _withdraw = cancellationToken.UnsafeRegister(static (pending, token) => ((PendingSqliteWrite)pending!).TrySetCanceled(token), this);
    }

    public ISqliteWrite Write { get; }

    public Exception? Failure { get; set; }

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
}
