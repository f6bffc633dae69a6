using System.Globalization;

namespace WestmontTextLine.Senders;

/// <summary>What the rate limit says about one text.</summary>
public enum RateDecision
{
    Allowed,

    /// <summary>Over the limit: the first text over it in this minute, so worth one log line.</summary>
    LimitedFirst,

    /// <summary>Over the limit again in the same minute: no reply and no log line.</summary>
    Limited,
}

/// <summary>
/// At most N texts per sender per clock minute, limited per sender, not per address (every text arrives from
/// Twilio's addresses). Texts that must never be dropped (an emergency, an opt-out or opt-in) count against a
/// separate, much higher cap, so a flood cannot use them to get around the limit but a texter in danger is never
/// silenced by it.
/// <para>
/// Bounded in memory whatever arrives: one table per minute, replaced when the minute ends (also when no text
/// comes), keyed by 8 bytes of the sender's keyed hash (about 30 bytes a sender), holding at most
/// <see cref="MaxTrackedSenders"/> senders: an eighth of the memory the GC may use, at most a million. Past that,
/// new senders in that minute are let through untracked: a million distinct senders a minute send a text or two
/// each, and the limit is for the one sender who sends hundreds.
/// </para>
/// </summary>
public sealed class SenderRateLimiter : IDisposable
{
    public const int UrgentCapFactor = 5;
    private const int BytesPerTrackedSender = 32;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _time;
    private readonly int _textsPerMinute;
    private readonly ITimer? _sweeper;
    private readonly object _gate = new();
    private Dictionary<ulong, Counts> _counts = [];
    private long _minute = long.MinValue;

    public SenderRateLimiter(TimeProvider time, int textsPerMinute, int? maxTrackedSenders = null)
    {
        _time = time;
        _textsPerMinute = textsPerMinute;
        MaxTrackedSenders = maxTrackedSenders ?? (int)Math.Clamp(
            GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 8 / BytesPerTrackedSender, 10_000, 1_000_000);
        if (textsPerMinute > 0) _sweeper = time.CreateTimer(_ => Sweep(), null, Window, Window);
    }

    public int MaxTrackedSenders { get; }

    public int TrackedSenders
    {
        get { lock (_gate) return _counts.Count; }
    }

    // Saturates rather than wrapping: a wrapped cap would silence 911 and STOP.
    public int UrgentCap => (int)Math.Min((long)_textsPerMinute * UrgentCapFactor, int.MaxValue);

    /// <param name="senderKey">The keyed hash of the number, in hex.</param>
    /// <param name="urgent">An emergency, an opt-out or an opt-in: counted against the higher cap.</param>
    public RateDecision Check(string senderKey, bool urgent = false)
    {
        if (_textsPerMinute <= 0) return RateDecision.Allowed;
        var id = IdOf(senderKey);
        lock (_gate)
        {
            StartMinuteIfDue(MinuteOf(_time.GetUtcNow()));
            _counts.TryGetValue(id, out var counts);
            if (counts.Normal == 0 && counts.Urgent == 0 && _counts.Count >= MaxTrackedSenders) return RateDecision.Allowed;
            var (used, cap) = urgent ? (counts.Urgent, UrgentCap) : (counts.Normal, _textsPerMinute);
            if (used > cap) return RateDecision.Limited;
            _counts[id] = urgent ? counts with { Urgent = used + 1 } : counts with { Normal = used + 1 };
            return used < cap ? RateDecision.Allowed : RateDecision.LimitedFirst;
        }
    }

    private void Sweep()
    {
        lock (_gate) StartMinuteIfDue(MinuteOf(_time.GetUtcNow()));
    }

    private void StartMinuteIfDue(long minute)
    {
        if (minute == _minute) return;
        _minute = minute;
        // Sized for as many senders as the minute before: a busy line's table does not grow (and copy itself) all minute.
        if (_counts.Count > 0) _counts = new Dictionary<ulong, Counts>(_counts.Count);
    }

    private static long MinuteOf(DateTimeOffset now) => now.UtcTicks / Window.Ticks;

    // The key is an HMAC in hex: any 16 of its characters are as good as random.
    private static ulong IdOf(string senderKey) =>
        senderKey.Length >= 16 && ulong.TryParse(senderKey.AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id)
            ? id
            : (ulong)StringComparer.Ordinal.GetHashCode(senderKey);

    public void Dispose() => _sweeper?.Dispose();

    // Counts stop one past the cap: "over the limit" is all that matters once there.
    private readonly record struct Counts(int Normal, int Urgent);
}
