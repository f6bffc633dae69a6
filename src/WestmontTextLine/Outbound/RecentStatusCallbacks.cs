using System.Collections.Concurrent;

namespace WestmontTextLine.Outbound;

/// <summary>
/// The status callbacks this instance has had lately, as (MessageSid, status) pairs: Twilio sends a callback again
/// when it got no answer in time, and the same delivery must not be counted twice. Bounded: the oldest pair goes
/// once <see cref="Capacity"/> are kept (a retry comes within minutes; at two callbacks a reply, that is the last
/// 10,000 replies). Per instance: a retry that reaches another instance is still counted there.
/// </summary>
public sealed class RecentStatusCallbacks
{
    public const int Capacity = 20_000;

    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>True when this pair was recorded already.</summary>
    public bool Seen(string messageSid, string status) => _seen.ContainsKey(Pair(messageSid, status));

    /// <summary>
    /// Remembers the pair, once its callback has been fully recorded: a callback that failed half way (and so gets
    /// an error, which makes Twilio send it again) must be recorded by that retry.
    /// </summary>
    public void Remember(string messageSid, string status)
    {
        var pair = Pair(messageSid, status);
        if (!_seen.TryAdd(pair, 0)) return;
        _order.Enqueue(pair);
        // The queue holds each remembered pair once, so its count is the dictionary's, without taking all its locks.
        while (_order.Count > Capacity && _order.TryDequeue(out var oldest)) _seen.TryRemove(oldest, out _);
    }

    private static string Pair(string messageSid, string status) => messageSid + " " + status;
}
