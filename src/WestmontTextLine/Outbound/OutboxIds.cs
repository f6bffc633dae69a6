using System.Security.Cryptography;

namespace WestmontTextLine.Outbound;

/// <summary>
/// New outbox ids that sort in the order they were made. Texts queued in the same millisecond have the same due time,
/// and the outbox (Redis's sorted set, SQLite's ORDER BY due_at, id) then takes them in the order of their ids: with
/// random ids, two texts to one number queued back to back could go out in either order.
/// </summary>
public static class OutboxIds
{
    // Started at this moment's ticks, so that ids made after a restart sort after those made before it too.
    private static long _made = DateTime.UtcNow.Ticks;

    /// <summary>32 hex digits: a count of the ids made, then 64 random bits so no two processes make the same id.</summary>
    public static string New() =>
        $"{Interlocked.Increment(ref _made):x16}{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
}
