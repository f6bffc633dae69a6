using WestmontTextLine.Storage;

namespace WestmontTextLine.Records;

/// <summary>
/// The Redis key of one private record, under the line's prefix: wtl:rec:safety-plan:&lt;keyed hash&gt;. A kind has no
/// ':' in it, so the first one after "rec:" ends it. No hash tag: each script touches one record's key only, so
/// under Redis Cluster the records spread over every slot.
/// </summary>
public static class PrivateRecordRedisKeys
{
    /// <summary>Hash: fields payload (bytes), version (decimal), expires_at (Unix ms, decimal; absent when it never expires).</summary>
    public static string PrivateRecord(this RedisKeys keys, string kind, string key) => $"{keys.PrivateRecords()}{kind}:{key}";

    /// <summary>What every private record's key starts with.</summary>
    public static string PrivateRecords(this RedisKeys keys) => $"{keys.Prefix}rec:";
}
