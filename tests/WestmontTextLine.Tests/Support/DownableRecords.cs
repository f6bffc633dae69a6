using WestmontTextLine.Records;

namespace WestmontTextLine.Tests.Support;

/// <summary>
/// The real store, which a test can take down: while <see cref="Down"/>, every read and write fails as a Redis timeout
/// does, with <paramref name="fault"/> as its message (a key in it, to check the logs leave it out).
/// </summary>
public sealed class DownableRecords(IPrivateRecords inner, string fault = "Timeout performing GET (wtl:test), inst: 1, qu: 0, qs: 1")
    : ForwardingPrivateRecords(inner)
{
    public volatile bool Down;

    private void ThrowIfDown()
    {
        if (Down) throw new IOException(fault);
    }

    public override Task<PrivateRecord?> GetAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        return base.GetAsync(kind, key, now, cancellationToken);
    }

    public override Task<bool> TryPutAsync(string kind, string key, byte[] payload, long expectedVersion, DateTimeOffset? expiresAt, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ThrowIfDown();
        return base.TryPutAsync(kind, key, payload, expectedVersion, expiresAt, now, cancellationToken);
    }
}
