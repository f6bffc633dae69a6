namespace WestmontTextLine.Senders;

/// <summary>
/// Her turn, for work that is not one of her texts but changes what her texts read and answer: a check-in timer's step,
/// a chat's idle close, a staff member's reply, retry or close. It takes the same locks her texts take (in this
/// process, <see cref="SenderLocks"/>, and across instances, <see cref="ISharedSenderLocks"/>), so a text she sends at
/// that moment is run before the work or after it, never in its middle, and its reply says what the store then holds.
/// Never taken on her text's own path (the locks are not reentrant).
/// </summary>
public sealed class TexterTurns(SenderLocks senderLocks, ISharedSenderLocks sharedSenderLocks)
{
    public async Task<IAsyncDisposable> TakeAsync(string senderKey, CancellationToken cancellationToken)
    {
        var local = await senderLocks.AcquireAsync(senderKey, cancellationToken);
        try
        {
            return new Held(local, await sharedSenderLocks.AcquireAsync(senderKey, cancellationToken));
        }
        catch
        {
            local.Dispose();
            throw;
        }
    }

    private sealed class Held(SenderLocks.SenderLock local, IAsyncDisposable? shared) : IAsyncDisposable
    {
        private int _disposed;

        // Once only: the local lock is a struct that would release whoever holds her lock by then.
        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            try
            {
                if (shared is not null) await shared.DisposeAsync();
            }
            finally
            {
                local.Dispose();
            }
        }
    }
}
