using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Sessions;

namespace WestmontTextLine.Tests.Support;

/// <summary>
/// The line's own session store (SQLite or Redis), where someone else saves a texter's session just before each of her
/// next saves, as another instance answering her or the carrier's opt-out does: those saves lose their version check,
/// and the line runs her text again on the fresh session.
/// </summary>
public sealed class SessionSavedMeanwhile(ISessionStore inner) : ISessionStore
{
    private int _savesToBeat;
    private Action? _meanwhile;

    /// <summary>Wraps the store the line registered, whichever it is.</summary>
    public static Action<IServiceCollection> Register(Action<SessionSavedMeanwhile> made) => services =>
    {
        var registered = services.Last(d => d.ServiceType == typeof(ISessionStore));
        services.Remove(registered);
        services.AddSingleton<ISessionStore>(provider =>
        {
            var store = new SessionSavedMeanwhile((ISessionStore)registered.ImplementationFactory!(provider));
            made(store);
            return store;
        });
    };

    /// <summary>
    /// The next <paramref name="saves"/> saves each find her session saved by someone else since she loaded it, which
    /// took the time <paramref name="meanwhile"/> takes (a step of the test's clock).
    /// </summary>
    public void BeatNextSaves(int saves, Action? meanwhile = null)
    {
        _meanwhile = meanwhile;
        Volatile.Write(ref _savesToBeat, saves);
    }

    public async Task<bool> SaveAsync(string senderKey, Session session, DateTimeOffset? notAfter = null, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Decrement(ref _savesToBeat) >= 0 && await inner.LoadAsync(senderKey, cancellationToken) is { } stored)
        {
            Assert.True(await inner.SaveAsync(senderKey, stored, cancellationToken: cancellationToken), "the other writer's save");
            _meanwhile?.Invoke();
        }
        return await inner.SaveAsync(senderKey, session, notAfter, cancellationToken);
    }

    public Task<Session?> LoadAsync(string senderKey, CancellationToken cancellationToken = default) => inner.LoadAsync(senderKey, cancellationToken);

    public Task DeleteAsync(string senderKey, CancellationToken cancellationToken = default) => inner.DeleteAsync(senderKey, cancellationToken);

    public Task<int> PurgeIdleAsync(DateTimeOffset idleBefore, CancellationToken cancellationToken = default) =>
        inner.PurgeIdleAsync(idleBefore, cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken = default) => inner.PingAsync(cancellationToken);
}
