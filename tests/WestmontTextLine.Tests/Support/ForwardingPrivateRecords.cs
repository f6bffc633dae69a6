using WestmontTextLine.Records;

namespace WestmontTextLine.Tests.Support;

/// <summary>
/// The real store passed through, for a test that needs to step in before one kind of call (a pause, a failure, a
/// store gone down): override only that call.
/// </summary>
public abstract class ForwardingPrivateRecords(IPrivateRecords inner) : IPrivateRecords
{
    public virtual Task<PrivateRecord?> GetAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.GetAsync(kind, key, now, cancellationToken);

    public virtual Task<string?> AnyKeyAsync(string kind, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.AnyKeyAsync(kind, now, cancellationToken);

    public virtual IAsyncEnumerable<PrivateRecordId> ListAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.ListAsync(now, cancellationToken);

    public virtual Task<bool> TryPutAsync(string kind, string key, byte[] payload, long expectedVersion, DateTimeOffset? expiresAt, DateTimeOffset now,
        CancellationToken cancellationToken = default) =>
        inner.TryPutAsync(kind, key, payload, expectedVersion, expiresAt, now, cancellationToken);

    public virtual Task<bool> DeleteAsync(string kind, string key, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(kind, key, cancellationToken);

    public virtual Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.PurgeExpiredAsync(now, cancellationToken);
}
