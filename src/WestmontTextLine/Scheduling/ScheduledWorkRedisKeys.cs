using WestmontTextLine.Storage;

namespace WestmontTextLine.Scheduling;

/// <summary>
/// The Redis keys of one kind of scheduled work, under the line's prefix: wtl:work:{delete}:due and so on. The
/// braces are a Redis Cluster hash tag: a kind's keys share a slot, as a script that touches all three requires.
/// </summary>
public static class ScheduledWorkRedisKeys
{
    /// <summary>Sorted set: member the item's id, score its due time (Unix ms).</summary>
    public static string WorkDue(this RedisKeys keys, string kind) => $"{keys.Prefix}work:{{{kind}}}:due";

    /// <summary>Hash: field the item's id, value "attempts:firstDueAt:leased" (leased 1 or 0).</summary>
    public static string WorkItems(this RedisKeys keys, string kind) => $"{keys.Prefix}work:{{{kind}}}:items";

    /// <summary>Hash: field the item's id, value its payload bytes; no field when no payload was given.</summary>
    public static string WorkPayloads(this RedisKeys keys, string kind) => $"{keys.Prefix}work:{{{kind}}}:payloads";
}
