using WestmontTextLine.Storage;

namespace WestmontTextLine.Console.Audit;

/// <summary>The audit log's Redis key, under the line's prefix: wtl:audit.</summary>
public static class AuditRedisKeys
{
    /// <summary>List of JSON entries, newest first.</summary>
    public static string AuditLog(this RedisKeys keys) => $"{keys.Prefix}audit";
}
