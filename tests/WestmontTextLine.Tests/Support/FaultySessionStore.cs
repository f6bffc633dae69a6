using WestmontTextLine.Sessions;

namespace WestmontTextLine.Tests.Support;

/// <summary>
/// The real store, behind a switch that makes every call fail the way a broken disk or a lost connection does:
/// by throwing, or by hanging until cancelled.
/// </summary>
public sealed class FaultySessionStore(ISessionStore inner) : ISessionStore
{
    public enum Fault { None, Throw, Hang }

    public Fault Mode { get; set; }

    /// <summary>What <see cref="Fault.Throw"/> throws: a full disk's error unless a test needs another.</summary>
    public Func<Exception> Throws { get; init; } = () => new IOException("disk full (simulated)");

    public async Task<Session?> LoadAsync(string senderKey, CancellationToken cancellationToken = default)
    {
        await FailIfSwitchedOn(cancellationToken);
        return await inner.LoadAsync(senderKey, cancellationToken);
    }

    public async Task<bool> SaveAsync(string senderKey, Session session, DateTimeOffset? notAfter = null, CancellationToken cancellationToken = default)
    {
        await FailIfSwitchedOn(cancellationToken);
        return await inner.SaveAsync(senderKey, session, notAfter, cancellationToken);
    }

    public async Task DeleteAsync(string senderKey, CancellationToken cancellationToken = default)
    {
        await FailIfSwitchedOn(cancellationToken);
        await inner.DeleteAsync(senderKey, cancellationToken);
    }

    public async Task<int> PurgeIdleAsync(DateTimeOffset idleBefore, CancellationToken cancellationToken = default)
    {
        await FailIfSwitchedOn(cancellationToken);
        return await inner.PurgeIdleAsync(idleBefore, cancellationToken);
    }

    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        await FailIfSwitchedOn(cancellationToken);
        await inner.PingAsync(cancellationToken);
    }

    private async Task FailIfSwitchedOn(CancellationToken cancellationToken)
    {
        switch (Mode)
        {
            case Fault.Throw:
                throw Throws();
            case Fault.Hang:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
        }
    }
}
