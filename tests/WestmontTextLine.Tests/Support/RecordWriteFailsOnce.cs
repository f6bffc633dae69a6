using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Records;

namespace WestmontTextLine.Tests.Support;

/// <summary>
/// The line's own records (SQLite or Redis), whose next write or delete of an armed kind fails once, as a storage
/// fault does: a write the line makes after her session was saved (her OK ending her timer) fails, and she gets the fallback.
/// </summary>
public sealed class RecordWriteFailsOnce(IPrivateRecords inner) : ForwardingPrivateRecords(inner)
{
    private string? _kind;

    /// <summary>Wraps the records the line registered, whichever store they are on.</summary>
    public static Action<IServiceCollection> Register(Action<RecordWriteFailsOnce> made) => services =>
    {
        var registered = services.Last(d => d.ServiceType == typeof(IPrivateRecords));
        services.Remove(registered);
        services.AddSingleton<IPrivateRecords>(provider =>
        {
            var records = new RecordWriteFailsOnce((IPrivateRecords)registered.ImplementationFactory!(provider));
            made(records);
            return records;
        });
    };

    private int _skip;
    private bool _holdReadsOfFailed;
    private volatile RecordId? _failed;
    private readonly TaskCompletionSource _readsReleased = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Fails the next write or delete of this kind, or the one after <paramref name="skip"/> of them. With
    /// <paramref name="holdReadsOfFailed"/>, every later read of the record it failed to write waits until
    /// <see cref="ReleaseHeldReads"/>: work that would look at it afterwards (a clean-up of it) is held back, in a fixed order.
    /// </summary>
    public void Arm(string kind, int skip = 0, bool holdReadsOfFailed = false)
    {
        _holdReadsOfFailed = holdReadsOfFailed;
        Volatile.Write(ref _skip, skip);
        Volatile.Write(ref _kind, kind);
    }

    public void ReleaseHeldReads() => _readsReleased.TrySetResult();

    public override async Task<PrivateRecord?> GetAsync(string kind, string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (_holdReadsOfFailed && _failed == new RecordId(kind, key)) await _readsReleased.Task;
        return await base.GetAsync(kind, key, now, cancellationToken);
    }

    public override Task<bool> TryPutAsync(string kind, string key, byte[] payload, long expectedVersion, DateTimeOffset? expiresAt, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        FailIfArmed(kind, key);
        return base.TryPutAsync(kind, key, payload, expectedVersion, expiresAt, now, cancellationToken);
    }

    public override Task<bool> DeleteAsync(string kind, string key, CancellationToken cancellationToken = default)
    {
        FailIfArmed(kind, key);
        return base.DeleteAsync(kind, key, cancellationToken);
    }

    private void FailIfArmed(string kind, string key)
    {
        // Exchanged against the armed string itself: CompareExchange compares references, and an equal string that is
        // another instance (a test's argument, not the line's constant) would never be cleared.
        var armed = Volatile.Read(ref _kind);
        if (armed != kind || Interlocked.Decrement(ref _skip) >= 0) return;
        if (Interlocked.CompareExchange(ref _kind, null, armed) != armed) return;
        _failed = new RecordId(kind, key);
        throw new IOException("write failed (simulated)");
    }

    private sealed record RecordId(string Kind, string Key);
}
