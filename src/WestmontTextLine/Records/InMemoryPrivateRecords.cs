namespace WestmontTextLine.Records;

/// <summary>
/// Private records in this process only, gone when it ends: for `chat` and tests of the features that use them. It
/// keeps the same contract as the real stores, down to keeping an expired record until it is purged.
/// </summary>
public sealed class InMemoryPrivateRecords : IPrivateRecords
{
    private readonly Dictionary<(string Kind, string Key), Stored> _records = [];

    public Task<PrivateRecord?> GetAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        PrivateRecordArguments.Check(kind, key);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_records)
        {
            return Task.FromResult(Live(kind, key, now.ToUnixTimeMilliseconds()) is { } stored
                ? new PrivateRecord(stored.Payload.ToArray(), stored.Version, Time(stored.ExpiresAt))
                : null);
        }
    }

    public Task<string?> AnyKeyAsync(string kind, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        PrivateRecordArguments.CheckKind(kind);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_records)
        {
            return Task.FromResult(_records.Keys.Where(id => id.Kind == kind).Select(id => id.Key)
                .FirstOrDefault(key => Live(kind, key, now.ToUnixTimeMilliseconds()) is not null));
        }
    }

    public async IAsyncEnumerable<PrivateRecordId> ListAsync(DateTimeOffset now,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<PrivateRecordId> live;
        lock (_records)
        {
            live = [.. _records.Where(entry => !IsExpired(entry.Value, now.ToUnixTimeMilliseconds()))
                .Select(entry => new PrivateRecordId(entry.Key.Kind, entry.Key.Key))];
        }
        foreach (var id in live)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return id;
        }
        await Task.CompletedTask;
    }

    public Task<bool> TryPutAsync(string kind, string key, byte[] payload, long expectedVersion, DateTimeOffset? expiresAt, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        var (expiresAtMilliseconds, nowMilliseconds) = PrivateRecordArguments.CheckPut(kind, key, payload, expectedVersion, expiresAt, now);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_records)
        {
            if ((Live(kind, key, nowMilliseconds)?.Version ?? 0) != expectedVersion) return Task.FromResult(false);
            _records[(kind, key)] = new Stored(payload.ToArray(), expectedVersion + 1, expiresAtMilliseconds);
            return Task.FromResult(true);
        }
    }

    public Task<bool> DeleteAsync(string kind, string key, CancellationToken cancellationToken = default)
    {
        PrivateRecordArguments.Check(kind, key);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_records) return Task.FromResult(_records.Remove((kind, key)));
    }

    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var nowMilliseconds = now.ToUnixTimeMilliseconds();
        lock (_records)
        {
            var expired = _records.Where(entry => IsExpired(entry.Value, nowMilliseconds)).Select(entry => entry.Key).ToList();
            foreach (var key in expired) _records.Remove(key);
            return Task.FromResult(expired.Count);
        }
    }

    private Stored? Live(string kind, string key, long now) =>
        _records.TryGetValue((kind, key), out var stored) && !IsExpired(stored, now) ? stored : null;

    private static bool IsExpired(Stored stored, long now) => stored.ExpiresAt <= now;

    private static DateTimeOffset? Time(long? milliseconds) => milliseconds is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value) : null;

    // Payloads are copied in and out, as a real store's bytes are: a caller's buffer never aliases what is stored.
    private sealed record Stored(byte[] Payload, long Version, long? ExpiresAt);
}
