using System.Globalization;
using StackExchange.Redis;

namespace WestmontTextLine.Storage;

/// <summary>
/// Notices that Redis lost the line's data. Found from outside: Redis restarted without its append-only file came
/// back empty, and every opt-out, check-in timer, safety plan and chat with staff was gone with /healthz 200 and nothing
/// in the log but the warning at connect about the missing file; put back from an older copy, nothing at all.
/// <para>
/// One small hash (<see cref="RedisKeys.DataMarker"/>: a random id and a counter, nothing about anyone) that every
/// instance reads and counts up now and then. The id gone or changed means Redis lost everything (restarted empty,
/// flushed); the counter behind what this instance saw last means it went back to an older copy (a backup put back,
/// a replica that lagged made primary). Either is logged as an error once, and /healthz says so for a day
/// (<see cref="StoreDataLoss"/>), while the line goes on answering.
/// </para>
/// <para>
/// An instance started after the copy was put back (README's way: every instance stopped first) saw nothing before it,
/// so each step also keeps its time (the instance's clock; the marker's time only moves forward, so an instance whose clock is behind cannot make it look older), and the instance notes the newest it saw in a file of its own
/// (<see cref="RedisCopyMark"/>). Found from outside: restored so, nothing was noticed, and a check-in she had ended
/// with OK after the copy was taken texted her and alerted her contact at start. Now a marker <see cref="Margin"/> or
/// more behind this instance's file, at its first look, is an older copy: logged, said on /healthz, and the check-in and
/// chat timers that fell due before that look run no texts (<see cref="RestoredAtAsync"/>), as on SQLite.
/// </para>
/// </summary>
public sealed class RedisDataMarker(
    IConnectionMultiplexer redis, StoreDataLoss loss, ILogger logger, RedisKeys? keys = null, RedisCopyMark? mark = null, TimeProvider? time = null)
{
    /// <summary>
    /// How far behind this instance's file the marker must be to count as a copy put back at start: Redis restarted on
    /// its append-only file loses about a second at most (appendfsync everysec), and that is not a copy.
    /// </summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMinutes(3);

    private readonly RedisKeys _keys = keys ?? new RedisKeys();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _id;
    private long _count;

    /// <summary>When this instance's first look found Redis put back from an older copy; null when it did not.</summary>
    public DateTimeOffset? RestoredAt { get; private set; }

    /// <summary>
    /// When this instance's first look found Redis put back from an older copy, or null; the first call (a timer's
    /// pass, or the watch's look) makes that look. While Redis does not answer, null, and the next call looks again.
    /// </summary>
    public async Task<DateTimeOffset?> RestoredAtAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _id) is null) await CheckAsync(cancellationToken);
        return RestoredAt;
    }

    /// <summary>
    /// The marker's id (made here when missing), its count after this instance's step, whether it was made, the time
    /// of the step before (empty when none; a marker made by an earlier build has none), and its time after this step,
    /// atomically. The time only moves forward: an instance whose clock is behind another's leaves it where it is, so
    /// that the marker never looks older than what the other instance noted (a copy put back, to that instance).
    /// </summary>
    private static readonly LuaScript Step = LuaScript.Prepare("""
        local id = redis.call('HGET', @marker, 'id')
        local made = 0
        if not id then
          id = @newId
          made = 1
          redis.call('HSET', @marker, 'id', id)
        end
        local before = redis.call('HGET', @marker, 'at') or ''
        local at = tonumber(@at)
        if tonumber(before) and tonumber(before) > at then at = tonumber(before) end
        redis.call('HSET', @marker, 'at', at)
        return { id, redis.call('HINCRBY', @marker, 'count', 1), made, before, tostring(at) }
        """);

    /// <summary>One look at the marker. A fault (Redis paused or gone) says nothing: the next look decides.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await LookAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task LookAsync()
    {
        RedisResult[] values;
        var at = _time.GetUtcNow().ToUnixTimeSeconds();
        try
        {
            values = (RedisResult[])(await Step.EvaluateAsync(redis.GetDatabase(), new
            {
                marker = (RedisKey)_keys.DataMarker,
                newId = (RedisValue)Guid.NewGuid().ToString("N"),
                at = (RedisValue)at,
            }))!;
        }
        catch (Exception ex)
        {
            logger.LogDebug("Storage: the data marker was not read: {Fault}", ex.GetType().Name);
            return;
        }
        var (id, count, made) = ((string)values[0]!, (long)values[1], (long)values[2] == 1);
        var before = long.TryParse((string?)values[3], out var seconds) ? seconds : (long?)null;
        var markedAt = long.Parse((string)values[4]!, CultureInfo.InvariantCulture);
        string? lost = null;
        if (_id is null)
        {
            if (made)
            {
                logger.LogInformation("Storage: Redis at {Endpoints} held no data of the line's yet: a first start, or Redis lost it before this " +
                    "instance started.", Endpoints());
            }
            else if (before is { } last && mark?.SeenAt(id) is { } seen && TimeSpan.FromSeconds(seen - last) >= Margin)
            {
                FoundOlderCopyAtStart(TimeSpan.FromSeconds(seen - last));
            }
        }
        else if (id != _id)
        {
            lost = "Redis lost the line's data: it came back empty (restarted without its append-only file, or flushed)";
        }
        else if (count <= _count)
        {
            lost = "Redis went back to an older copy of the line's data (a backup put back, or a replica that was behind made primary)";
        }
        Volatile.Write(ref _id, id);
        _count = count;
        mark?.Note(id, markedAt);
        if (lost is null) return;
        loss.Found(lost);
        logger.LogError("Storage: {What}, at {Endpoints}. What was kept since that copy, or before, may be gone: opt-outs (a number that " +
            "sent STOP may be texted again), check-in timers and safety plans (no check-in text, no alert to a contact), chats with staff, " +
            "pending deletions at the provider; texts sent since may go out again. See README, \"Redis persistence\".", lost, Endpoints());
    }

    private void FoundOlderCopyAtStart(TimeSpan behind)
    {
        RestoredAt = _time.GetUtcNow();
        var what = $"Redis was put back from an older copy of the line's data (about {SqliteCopyMark.Behind(behind)} behind what this instance last saw)";
        loss.Found(what);
        logger.LogError("Storage: {What}, at {Endpoints}. What was kept since that copy is gone: opt-outs (a number that sent STOP may be " +
            "texted again; Twilio refuses the text with 21610 and the line records the STOP again), FORGET (what she asked to delete is back), " +
            "OK to a check-in, chats with staff; texts sent since may go out again. Check-in and chat timers that fell due before this start run " +
            "no texts. See README, \"Backups\".", what, Endpoints());
    }

    private string Endpoints() => string.Join(", ", redis.GetEndPoints().Select(EndPointCollection.ToString));
}
