using System.Security.Cryptography;
using System.Text;

namespace WestmontTextLine.Logging;

/// <summary>
/// What a log line calls a texter: 8 hex characters that follow one texter's lines within a day of one process, and
/// that nobody can work out from her number. They are an HMAC of her keyed hash under a random key that lives in this
/// process's memory only, a new one each day of its run. Not the keyed hash's own characters: anyone holding the logs
/// and the privacy key (both on the line's own host) could then hash a number and find every line of hers, her
/// keywords (emergency, talk, stop) and times, even after FORGET, which cannot reach the journal.
/// </summary>
public static class LogTag
{
    private static readonly byte[] ProcessKey = RandomNumberGenerator.GetBytes(32);
    private static readonly TimeSpan KeyChangesEvery = TimeSpan.FromDays(1);
    private static DayKey s_current = new(-1, []);

    public static string Of(string senderKey)
    {
        var key = KeyOfToday();
        Span<byte> utf8 = stackalloc byte[Encoding.UTF8.GetMaxByteCount(Math.Min(senderKey.Length, 128))];
        var length = Encoding.UTF8.GetBytes(senderKey.AsSpan(0, Math.Min(senderKey.Length, 128)), utf8);
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(key, utf8[..length], hash);
        return Convert.ToHexStringLower(hash[..4]);
    }

    private static byte[] KeyOfToday()
    {
        var day = Environment.TickCount64 / (long)KeyChangesEvery.TotalMilliseconds;
        var current = Volatile.Read(ref s_current);
        if (current.Day == day) return current.Key;
        var key = HMACSHA256.HashData(ProcessKey, BitConverter.GetBytes(day));
        Volatile.Write(ref s_current, new DayKey(day, key));
        return key;
    }

    private sealed record DayKey(long Day, byte[] Key);
}
