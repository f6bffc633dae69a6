using System.Text.Json;
using System.Text.Json.Serialization;
using StackExchange.Redis;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Console.Audit;

/// <summary>
/// The audit log in Redis, shared by every instance: one list (wtl:audit), newest first, each entry pushed and the
/// list trimmed to the capacity in one MULTI/EXEC, so the list never holds more than that.
/// </summary>
public sealed class RedisAuditLog(IConnectionMultiplexer redis, RedisKeys? keys = null, int capacity = IAuditLog.DefaultCapacity) : IAuditLog
{
    private readonly string _key = (keys ?? new RedisKeys()).AuditLog();

    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var stored = new StoredEntry(entry.Time.ToUnixTimeMilliseconds(), entry.Actor, entry.Action, entry.Target);
        var transaction = redis.GetDatabase().CreateTransaction();
        _ = transaction.ListLeftPushAsync(_key, JsonSerializer.SerializeToUtf8Bytes(stored, AuditJson.Default.StoredEntry));
        _ = transaction.ListTrimAsync(_key, 0, capacity - 1);
        if (!await transaction.ExecuteAsync().WaitAsync(cancellationToken)) throw new InvalidOperationException("Redis did not apply the audit entry.");
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(int newestCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(newestCount);
        if (newestCount == 0) return [];
        var values = await redis.GetDatabase().ListRangeAsync(_key, 0, newestCount - 1).WaitAsync(cancellationToken);
        return [.. values.Select(value => JsonSerializer.Deserialize((byte[])value!, AuditJson.Default.StoredEntry)!)
            .Select(stored => new AuditEntry(DateTimeOffset.FromUnixTimeMilliseconds(stored.At), stored.Actor, stored.Action, stored.Target))];
    }

    internal sealed record StoredEntry(long At, string Actor, string Action, string Target);
}

[JsonSerializable(typeof(RedisAuditLog.StoredEntry))]
internal sealed partial class AuditJson : JsonSerializerContext;
