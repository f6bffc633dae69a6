using WestmontTextLine.Logging;

namespace WestmontTextLine.Outbound;

/// <summary>
/// Work at the provider held back while the provider refuses it all alike (credentials refused, the line's sender
/// refused, throttled, down): one request (a probe) is tried when <see cref="Until"/> comes, and each probe refused
/// waits twice as long as the one before, from <c>firstWait</c> to at most <c>longestWait</c> (or the provider's
/// Retry-After, when longer); the first request the provider takes releases it. The outbox (<see cref="OutboundPause"/>)
/// and provider deletion (<see cref="ProviderDeletionState"/>) each hold one. Per instance: each finds out with its
/// own first request.
/// </summary>
public sealed class ProviderHold(TimeSpan firstWait, TimeSpan longestWait)
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _since;
    private DateTimeOffset _until;
    private TimeSpan _wait;
    private string? _because;

    /// <summary>Null while the work goes; else when the next probe is due.</summary>
    public DateTimeOffset? Until
    {
        get { lock (_gate) return _since is null ? null : _until; }
    }

    /// <summary>Why it is held, since when, and when it is tried next; null while the work goes.</summary>
    public (string Because, DateTimeOffset Since, DateTimeOffset Until)? Held
    {
        get { lock (_gate) return _since is { } since ? (_because!, since, _until) : null; }
    }

    /// <summary>
    /// Holds the work <paramref name="because"/> of a refusal at <paramref name="now"/>: returns true when it was going
    /// until now (so the caller logs it once). A refused probe doubles the wait; other requests refused before the next
    /// probe is due (the rest of the same pass's, already in flight) change nothing.
    /// </summary>
    public bool Hold(string because, TimeSpan? retryAfter, DateTimeOffset now)
    {
        lock (_gate)
        {
            var first = _since is null;
            if (now < _until && !first) return false;
            _since ??= now;
            _wait = first ? firstWait : Min(_wait * 2, longestWait);
            var wait = retryAfter is { } given && given > _wait ? Min(given, longestWait) : _wait;
            _until = now + wait;
            _because = because;
            return first;
        }
    }

    /// <summary>The provider took a request: the work goes again. Returns how long it was held, when it was.</summary>
    public TimeSpan? Release(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_since is not { } since) return null;
            _since = null;
            _wait = TimeSpan.Zero;
            return now - since;
        }
    }

    /// <summary>When the next probe is due, as /healthz says it: "next try in 12 s", "next try in 4 min 48 s", or "next try now".</summary>
    public static string NextTry(DateTimeOffset until, DateTimeOffset now) =>
        until > now ? $"next try in {ReadableDuration.Of(TimeSpan.FromSeconds(Math.Ceiling((until - now).TotalSeconds)))}" : "next try now";

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
