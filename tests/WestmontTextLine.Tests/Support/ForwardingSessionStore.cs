using WestmontTextLine.Sessions;

namespace WestmontTextLine.Tests.Support;

/// <summary>
/// The real session store passed through, for a test that needs to step in before one kind of call (a count, a
/// failure): override only that call.
/// </summary>
public abstract class ForwardingSessionStore(ISessionStore inner) : ISessionStore
{
    public virtual Task<Session?> LoadAsync(string senderKey, CancellationToken cancellationToken = default) => inner.LoadAsync(senderKey, cancellationToken);

    public virtual Task<bool> SaveAsync(string senderKey, Session session, DateTimeOffset? notAfter = null, CancellationToken cancellationToken = default) =>
        inner.SaveAsync(senderKey, session, notAfter, cancellationToken);

    public virtual Task DeleteAsync(string senderKey, CancellationToken cancellationToken = default) => inner.DeleteAsync(senderKey, cancellationToken);

    public virtual Task<int> PurgeIdleAsync(DateTimeOffset idleBefore, CancellationToken cancellationToken = default) =>
        inner.PurgeIdleAsync(idleBefore, cancellationToken);

    public virtual Task PingAsync(CancellationToken cancellationToken = default) => inner.PingAsync(cancellationToken);
}
