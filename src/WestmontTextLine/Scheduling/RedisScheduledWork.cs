using System.Collections.Concurrent;
using System.Globalization;
using StackExchange.Redis;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Scheduling;

/// <summary>
/// Scheduled work in Redis, shared by every instance of the line: per kind, a sorted set of due times and two
/// hashes (see <see cref="ScheduledWorkRedisKeys"/>), changed only by the Lua scripts of
/// <see cref="RedisScheduledWorkScripts"/>, so a claim by one instance is atomic against every other. Durable as far
/// as the Redis server's persistence goes (run it with an append-only file, as production should).
/// Times are kept in Redis by Redis's clock (each instance adds its measured offset from it), so instances whose hosts'
/// clocks disagree agree on what is due and on whose lease still holds: a host that runs ahead does not claim a check-in
/// early, nor take a text another instance is still sending.
/// </summary>
/// <param name="hostClock">This host's clock, as the offset from Redis's is measured against it (tests shift it).</param>
public sealed class RedisScheduledWork(IConnectionMultiplexer redis, RedisKeys? keys = null, TimeProvider? hostClock = null) : IScheduledWork
{
    private const int ValuesPerItem = 6;

    // An answer reaches the caller a little after the script ran: a claim this close to its deadline is refused too.
    private static readonly TimeSpan DeadlineMargin = TimeSpan.FromMilliseconds(200);

    private readonly RedisKeys _keys = keys ?? new RedisKeys();
    // Offsets under this are two clocks that agree, or the round trip's noise: times then go to Redis as they are.
    private const long SmallestOffsetMilliseconds = 1000;

    private readonly RedisClock _clock = new(redis, hostClock);
    private readonly TimeProvider _host = hostClock ?? TimeProvider.System;
    private readonly TimeSpan _commandTimeout = TimeSpan.FromMilliseconds(ConfigurationOptions.Parse(redis.Configuration).AsyncTimeout);

    // What this instance's claims hold and have not completed or rescheduled, with the lease's end as sent to Redis: given
    // back when the instance stops cleanly (GiveBackLeasesAsync), so that another instance need not wait the lease out.
    private readonly ConcurrentDictionary<(string Kind, string Id), string> _held = new();

    private IDatabase Database => redis.GetDatabase();

    public Task ScheduleAsync(string kind, string id, DateTimeOffset dueAt, byte[]? payload = null, CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.Check(kind, id);
        return ScheduleCheckedAsync(kind, id, dueAt, payload, orNothing: false, cancellationToken);
    }

    public Task ScheduleOrNothingAsync(string kind, string id, DateTimeOffset dueAt, byte[]? payload = null, CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.Check(kind, id);
        return ScheduleCheckedAsync(kind, id, dueAt, payload, orNothing: true, cancellationToken);
    }

    private async Task ScheduleCheckedAsync(string kind, string id, DateTimeOffset dueAt, byte[]? payload, bool orNothing, CancellationToken cancellationToken)
    {
        var offset = await OffsetAsync();
        RedisKey[] keys = [_keys.WorkDue(kind), _keys.WorkItems(kind), _keys.WorkPayloads(kind)];
        RedisValue[] arguments =
        [
            id,
            Milliseconds(dueAt, offset),
            payload is null ? 0 : 1,
            payload is null ? RedisValue.EmptyString : (RedisValue)payload,
            orNothing ? Deadline() : "",
        ];
        var applied = (long)(await Database.ScriptEvaluateAsync(RedisScheduledWorkScripts.Schedule, keys, arguments).WaitAsync(cancellationToken)) == 1;
        // Only an answer that came back just past its deadline gets here: the caller must take it for the failure it is.
        if (!applied) throw new TimeoutException($"Queuing {kind} work reached Redis after its caller's deadline; nothing was queued.");
    }

    /// <summary>
    /// When this instance stops waiting for a command sent now, in Redis's milliseconds, less the margin for the answer's
    /// way back: by the real clock, whatever clock the caller's times come from.
    /// </summary>
    private string Deadline() =>
        _clock.ToRedisMilliseconds(_host.GetUtcNow() + _commandTimeout - DeadlineMargin).ToString(CultureInfo.InvariantCulture);

    public async Task<IReadOnlyList<ScheduledItem>> ClaimDueAsync(string kind, DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.CheckClaim(kind, max, lease);
        var offset = await OffsetAsync();
        var arguments = new
        {
            due = (RedisKey)_keys.WorkDue(kind),
            items = (RedisKey)_keys.WorkItems(kind),
            payloads = (RedisKey)_keys.WorkPayloads(kind),
            now = Milliseconds(now, offset),
            max,
            leasedUntil = Milliseconds(now + lease, offset),
            // When this command times out, the caller has given up, and a claim Redis runs after that (it was paused)
            // would lease items nobody works on.
            deadline = Deadline(),
        };
        ForgetEndedLeases(kind, long.Parse(arguments.now, CultureInfo.InvariantCulture));
        var values = (RedisResult[])(await RedisScheduledWorkScripts.Claim.EvaluateAsync(Database, arguments).WaitAsync(cancellationToken))!;
        var claimed = new List<ScheduledItem>(values.Length / ValuesPerItem);
        for (var i = 0; i < values.Length; i += ValuesPerItem) claimed.Add(Read(values, i, offset));
        foreach (var item in claimed) _held[(kind, item.Id)] = arguments.leasedUntil;
        return claimed;
    }

    /// <summary>A claim whose lease has ended holds nothing more to give back: its item is anyone's again.</summary>
    private void ForgetEndedLeases(string kind, long nowMilliseconds)
    {
        foreach (var (key, leasedUntil) in _held)
        {
            if (key.Kind == kind && long.Parse(leasedUntil, CultureInfo.InvariantCulture) <= nowMilliseconds) _held.TryRemove(key, out _);
        }
    }

    public async Task<int> GiveBackLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (_held.IsEmpty) return 0;
        var offset = await OffsetAsync();
        var given = 0;
        foreach (var (key, leasedUntil) in _held)
        {
            if (!_held.TryRemove(key, out _)) continue;
            var arguments = new
            {
                due = (RedisKey)_keys.WorkDue(key.Kind),
                items = (RedisKey)_keys.WorkItems(key.Kind),
                id = (RedisValue)key.Id,
                leasedUntil,
                dueAt = Milliseconds(now, offset),
            };
            given += (int)(long)await RedisScheduledWorkScripts.GiveBack.EvaluateAsync(Database, arguments).WaitAsync(cancellationToken);
        }
        return given;
    }

    public async Task<bool> RenewLeaseAsync(string kind, string id, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.Check(kind, id);
        // Not held by this instance's claims (completed, rescheduled, or its lease forgotten as ended at a later claim).
        if (!_held.TryGetValue((kind, id), out var leasedUntil)) return false;
        var offset = await OffsetAsync();
        var arguments = new
        {
            due = (RedisKey)_keys.WorkDue(kind),
            items = (RedisKey)_keys.WorkItems(kind),
            id = (RedisValue)id,
            leasedUntil,
            until = Milliseconds(until, offset),
        };
        var renewed = (long)await RedisScheduledWorkScripts.Renew.EvaluateAsync(Database, arguments).WaitAsync(cancellationToken) == 1;
        if (renewed) _held.TryUpdate((kind, id), arguments.until, leasedUntil);
        else _held.TryRemove(new KeyValuePair<(string, string), string>((kind, id), leasedUntil));
        return renewed;
    }

    public async Task<bool> CompleteAsync(string kind, string id, CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.Check(kind, id);
        _held.TryRemove((kind, id), out _);
        return (long)await RedisScheduledWorkScripts.Remove.EvaluateAsync(Database, ItemArguments(kind, id)).WaitAsync(cancellationToken) == 1;
    }

    public async Task<bool> RescheduleAsync(string kind, string id, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.Check(kind, id);
        _held.TryRemove((kind, id), out _);
        var offset = await OffsetAsync();
        var arguments = new
        {
            due = (RedisKey)_keys.WorkDue(kind),
            items = (RedisKey)_keys.WorkItems(kind),
            id = (RedisValue)id,
            dueAt = Milliseconds(dueAt, offset),
        };
        return (long)await RedisScheduledWorkScripts.Reschedule.EvaluateAsync(Database, arguments).WaitAsync(cancellationToken) == 1;
    }

    public async Task<ScheduledItem?> GetAsync(string kind, string id, CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.Check(kind, id);
        var offset = await OffsetAsync();
        var values = (RedisResult[])(await RedisScheduledWorkScripts.Get.EvaluateAsync(Database, ItemArguments(kind, id)).WaitAsync(cancellationToken))!;
        return values.Length == 0 ? null : Read(values, 0, offset);
    }

    public async IAsyncEnumerable<string> ListIdsAsync(string kind,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.Check(kind);
        // HSCAN may return a field twice.
        var listed = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var entry in Database.HashScanAsync(_keys.WorkItems(kind), pageSize: 1000).WithCancellation(cancellationToken))
        {
            var id = (string)entry.Name!;
            if (listed.Add(id)) yield return id;
        }
    }

    public async Task<bool> TryReplacePayloadAsync(string kind, string id, byte[] expected, byte[] replacement,
        CancellationToken cancellationToken = default)
    {
        ScheduledWorkArguments.Check(kind, id);
        var arguments = new
        {
            items = (RedisKey)_keys.WorkItems(kind),
            payloads = (RedisKey)_keys.WorkPayloads(kind),
            id = (RedisValue)id,
            expected = (RedisValue)expected,
            replacement = (RedisValue)replacement,
        };
        return (long)await RedisScheduledWorkScripts.ReplacePayload.EvaluateAsync(Database, arguments).WaitAsync(cancellationToken) == 1;
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
    private static ScheduledItem Read(RedisResult[] values, int at, long offset) => new(
        (string)values[at]!,
        DateTimeOffset.FromUnixTimeMilliseconds(ParseMilliseconds(values[at + 1]) - offset),
        (int)values[at + 2],
        DateTimeOffset.FromUnixTimeMilliseconds(ParseMilliseconds(values[at + 3]) - offset),
        values[at + 4].IsNull ? null : (byte[])values[at + 4]!,
        (string)values[at + 5]! == "1");

    // A score comes back as Redis writes a double; every millisecond time is an integer well inside its precision.
    private static long ParseMilliseconds(RedisResult value) =>
        (long)double.Parse((string)value!, NumberStyles.Float, CultureInfo.InvariantCulture);

    // Times go to the scripts as decimal strings, never as a double, so they stay exact.
    private static string Milliseconds(DateTimeOffset moment, long offset) => (moment.ToUnixTimeMilliseconds() + offset).ToString(CultureInfo.InvariantCulture);

    /// <summary>What this host adds to its times to have Redis's: measured before the first use, then every minute.</summary>
    private async ValueTask<long> OffsetAsync()
    {
        var offset = await _clock.MeasuredOffsetMillisecondsAsync();
        return Math.Abs(offset) < SmallestOffsetMilliseconds ? 0 : offset;
    }
}
