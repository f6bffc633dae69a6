using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using StackExchange.Redis;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Console.Audit;

/// <summary>
/// The audit log in Redis, shared by every instance: one list (wtl:audit), newest first, each entry pushed and the
/// list trimmed to the ceiling in one MULTI/EXEC, so the list never holds more than that. Entries past their age are
/// popped from the old end by a script (<see cref="PurgeOlderThanAsync"/>), a batch at a time.
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
        return [.. values.Select(Read)];
    }

    /// <summary>
    /// A part at a time from the newest. An entry appended while the parts are read moves the rest one place on, so
    /// the page read at that moment may show one entry twice; none is missed.
    /// </summary>
    public async IAsyncEnumerable<AuditEntry> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (long start = 0; ; start += Batch)
        {
            var values = await redis.GetDatabase().ListRangeAsync(_key, start, start + Batch - 1).WaitAsync(cancellationToken);
            foreach (var value in values) yield return Read(value);
            if (values.Length < Batch) yield break;
        }
    }

    public async Task<int> PurgeOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        var purged = 0;
        while (true)
        {
            var popped = (int)await redis.GetDatabase().ScriptEvaluateAsync(PurgeScript, [_key], [cutoff.ToUnixTimeMilliseconds(), Batch])
                .WaitAsync(cancellationToken);
            purged += popped;
            if (popped < Batch) return purged;
        }
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken = default) =>
        await redis.GetDatabase().ListLengthAsync(_key).WaitAsync(cancellationToken);

    private static AuditEntry Read(RedisValue value)
    {
        var stored = JsonSerializer.Deserialize((byte[])value!, AuditJson.Default.StoredEntry)!;
        return new AuditEntry(DateTimeOffset.FromUnixTimeMilliseconds(stored.At), stored.Actor, stored.Action, stored.Target);
    }

    /// <summary>Entries read at a time, and popped at a time by the purge script.</summary>
    public const int Batch = 2_000;

    /// <summary>Pops from the old end while the oldest entry is older than the cutoff (ARGV[1], ms), at most ARGV[2] of them.</summary>
    private const string PurgeScript = """
        local popped = 0
        while popped < tonumber(ARGV[2]) do
          local oldest = redis.call('LINDEX', KEYS[1], -1)
          if not oldest then break end
          if cjson.decode(oldest)['At'] >= tonumber(ARGV[1]) then break end
          redis.call('RPOP', KEYS[1])
          popped = popped + 1
        end
        return popped
        """;

    internal sealed record StoredEntry(long At, string Actor, string Action, string Target);
}

[JsonSerializable(typeof(RedisAuditLog.StoredEntry))]
internal sealed partial class AuditJson : JsonSerializerContext;
