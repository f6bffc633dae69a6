using System.Globalization;
using StackExchange.Redis;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Scheduling;

/// <summary>
/// Scheduled work in Redis, shared by every instance of the line: per kind, a sorted set of due times and two
/// hashes (see <see cref="ScheduledWorkRedisKeys"/>), changed only by the Lua scripts of
/// <see cref="RedisScheduledWorkScripts"/>, so a claim by one instance is atomic against every other. Durable as far
/// as the Redis server's persistence goes (run it with an append-only file, as production should).
/// </summary>
public sealed class RedisScheduledWork(IConnectionMultiplexer redis, RedisKeys? keys = null) : IScheduledWork
{
    private const int ValuesPerItem = 6;

    // An answer reaches the caller a little after the script ran: a claim this close to its deadline is refused too.
    private static readonly TimeSpan DeadlineMargin = TimeSpan.FromMilliseconds(200);

    private readonly RedisKeys _keys = keys ?? new RedisKeys();
    private readonly RedisClock _clock = new(redis);
    private readonly TimeSpan _commandTimeout = TimeSpan.FromMilliseconds(ConfigurationOptions.Parse(redis.Configuration).AsyncTimeout);

    private IDatabase Database => redis.GetDatabase();

    public Task ScheduleAsync(string kind, string id, DateTimeOffset dueAt, byte[]? payload = null, CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.Check(kind, id);
        var arguments = new
        {
            due = (RedisKey)_keys.WorkDue(kind),
            items = (RedisKey)_keys.WorkItems(kind),
            payloads = (RedisKey)_keys.WorkPayloads(kind),
            id = (RedisValue)id,
            dueAt = Milliseconds(dueAt),
            hasPayload = payload is null ? 0 : 1,
            payload = payload is null ? RedisValue.EmptyString : (RedisValue)payload,
        };
        return RedisScheduledWorkScripts.Schedule.EvaluateAsync(Database, arguments).WaitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ScheduledItem>> ClaimDueAsync(string kind, DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.CheckClaim(kind, max, lease);
        var arguments = new
        {
            due = (RedisKey)_keys.WorkDue(kind),
            items = (RedisKey)_keys.WorkItems(kind),
            payloads = (RedisKey)_keys.WorkPayloads(kind),
            now = Milliseconds(now),
            max,
            leasedUntil = Milliseconds(now + lease),
            // By the real clock, whatever clock the caller's times come from: when this command times out, the caller
            // has given up, and a claim Redis runs after that (it was paused) would lease items nobody works on.
            deadline = _clock.ToRedisMilliseconds(DateTimeOffset.UtcNow + _commandTimeout - DeadlineMargin).ToString(CultureInfo.InvariantCulture),
        };
        var values = (RedisResult[])(await RedisScheduledWorkScripts.Claim.EvaluateAsync(Database, arguments).WaitAsync(cancellationToken))!;
        var claimed = new List<ScheduledItem>(values.Length / ValuesPerItem);
        for (var i = 0; i < values.Length; i += ValuesPerItem) claimed.Add(Read(values, i));
        return claimed;
    }

    public async Task<bool> CompleteAsync(string kind, string id, CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.Check(kind, id);
        return (long)await RedisScheduledWorkScripts.Remove.EvaluateAsync(Database, ItemArguments(kind, id)).WaitAsync(cancellationToken) == 1;
    }

    public async Task<bool> RescheduleAsync(string kind, string id, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.Check(kind, id);
        var arguments = new
        {
            due = (RedisKey)_keys.WorkDue(kind),
            items = (RedisKey)_keys.WorkItems(kind),
            id = (RedisValue)id,
            dueAt = Milliseconds(dueAt),
        };
        return (long)await RedisScheduledWorkScripts.Reschedule.EvaluateAsync(Database, arguments).WaitAsync(cancellationToken) == 1;
    }

    public async Task<ScheduledItem?> GetAsync(string kind, string id, CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.Check(kind, id);
        var values = (RedisResult[])(await RedisScheduledWorkScripts.Get.EvaluateAsync(Database, ItemArguments(kind, id)).WaitAsync(cancellationToken))!;
        return values.Length == 0 ? null : Read(values, 0);
    }

    public Task<long> CountAsync(string kind, CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.Check(kind);
        return Database.SortedSetLengthAsync(_keys.WorkDue(kind)).WaitAsync(cancellationToken);
    }

    private object ItemArguments(string kind, string id) => new
    {
        due = (RedisKey)_keys.WorkDue(kind),
        items = (RedisKey)_keys.WorkItems(kind),
        payloads = (RedisKey)_keys.WorkPayloads(kind),
        id = (RedisValue)id,
    };

    /// <summary>One item from a script's flat reply: id, due time, attempts, first due time, payload, leased.</summary>
    private static ScheduledItem Read(RedisResult[] values, int at) => new(
        (string)values[at]!,
        DateTimeOffset.FromUnixTimeMilliseconds(ParseMilliseconds(values[at + 1])),
        (int)values[at + 2],
        DateTimeOffset.FromUnixTimeMilliseconds(ParseMilliseconds(values[at + 3])),
        values[at + 4].IsNull ? null : (byte[])values[at + 4]!,
        (string)values[at + 5]! == "1");

    // A score comes back as Redis writes a double; every millisecond time is an integer well inside its precision.
    private static long ParseMilliseconds(RedisResult value) =>
        (long)double.Parse((string)value!, NumberStyles.Float, CultureInfo.InvariantCulture);

    // Times go to the scripts as decimal strings, never as a double, so they stay exact.
    private static string Milliseconds(DateTimeOffset moment) => moment.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
}
