using System.Collections.Concurrent;
using WestmontTextLine.Sessions;

namespace WestmontTextLine.Storage;

/// <summary>
/// Sessions in this process only, gone when it ends: for `chat`, so trying the line leaves no data behind. It keeps
/// the same contract as the real stores (a save succeeds only over the version loaded; a purge keeps opt-outs).
/// </summary>
public sealed class InMemorySessionStore : ISessionStore
{
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    public Task<Session?> LoadAsync(string senderKey, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_sessions.GetValueOrDefault(senderKey));
    }

    public Task<bool> SaveAsync(string senderKey, Session session, DateTimeOffset? notAfter = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (session.Version == 0) return Task.FromResult(_sessions.TryAdd(senderKey, session with { Version = 1 }));
        if (!_sessions.TryGetValue(senderKey, out var stored) || stored.Version != session.Version) return Task.FromResult(false);
        // TryUpdate compares with the very record read, so a save that raced in between wins and this one conflicts.
        return Task.FromResult(_sessions.TryUpdate(senderKey, session with { Version = session.Version + 1 }, stored));
    }

    public Task DeleteAsync(string senderKey, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _sessions.TryRemove(senderKey, out _);
        return Task.CompletedTask;
    }

    public Task<int> PurgeIdleAsync(DateTimeOffset idleBefore, CancellationToken cancellationToken = default)
    {
        var purged = 0;
        foreach (var (key, session) in _sessions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (session.LastActivity >= idleBefore) continue;
            if (!session.OptedOut)
            {
                if (_sessions.TryRemove(new KeyValuePair<string, Session>(key, session))) purged++;
                continue;
            }
            // An opt-out stays, stripped to what keeps the number silent.
            if (session.IsStrippedOptOut) continue;
            if (_sessions.TryUpdate(key, session.StrippedToOptOut(), session)) purged++;
        }
        return Task.FromResult(purged);
    }

    public Task PingAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
