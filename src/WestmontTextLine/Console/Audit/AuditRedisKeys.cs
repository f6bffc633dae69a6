using WestmontTextLine.Storage;

namespace WestmontTextLine.Console.Audit;

/// <summary>
/// The audit log's Redis keys, under the line's prefix: wtl:audit:* (its parts, their tallies and text lines, and the
/// keys of the layout of 2026-12-05: <see cref="RedisAuditScripts"/>), and wtl:audit, the list the version before kept
/// (moved into the others once read: <see cref="RedisAuditLog"/>).
/// </summary>
public static class AuditRedisKeys
{
    /// <summary>The older version's list of JSON entries, newest first; emptied into the new keys.</summary>
    public static string AuditLog(this RedisKeys keys) => $"{keys.Prefix}audit";

    /// <summary>The prefix of every key of the log: wtl:audit:.</summary>
    public static string AuditKeys(this RedisKeys keys) => $"{keys.Prefix}audit:";
}
