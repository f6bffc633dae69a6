using WestmontTextLine.Storage;

namespace WestmontTextLine.Console.Audit;

/// <summary>
/// The audit log's Redis keys, under the line's prefix: wtl:audit:entries (id to entry), wtl:audit:ids (ids, in
/// order), the indexes the Audit page filters by, and wtl:audit, the list an older version kept (moved into the
/// others once read: <see cref="RedisAuditLog"/>).
/// </summary>
public static class AuditRedisKeys
{
    /// <summary>The older version's list of JSON entries, newest first; emptied into the new keys.</summary>
    public static string AuditLog(this RedisKeys keys) => $"{keys.Prefix}audit";

    /// <summary>The prefix of every key of the log: wtl:audit:.</summary>
    public static string AuditKeys(this RedisKeys keys) => $"{keys.Prefix}audit:";
}
