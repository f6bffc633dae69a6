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
/// </summary>
public sealed class RedisDataMarker(IConnectionMultiplexer redis, StoreDataLoss loss, ILogger logger, RedisKeys? keys = null)
{
    private readonly RedisKeys _keys = keys ?? new RedisKeys();
    private string? _id;
    private long _count;

    /// <summary>The marker's id (made here when missing) and its count after this instance's step, atomically.</summary>
    private static readonly LuaScript Step = LuaScript.Prepare("""
        local id = redis.call('HGET', @marker, 'id')
        local made = 0
        if not id then
          id = @newId
          made = 1
          redis.call('HSET', @marker, 'id', id)
        end
        return { id, redis.call('HINCRBY', @marker, 'count', 1), made }
        """);

    /// <summary>One look at the marker. A fault (Redis paused or gone) says nothing: the next look decides.</summary>
    public async Task CheckAsync()
    {
        RedisResult[] values;
        try
        {
            values = (RedisResult[])(await Step.EvaluateAsync(redis.GetDatabase(), new
            {
                marker = (RedisKey)_keys.DataMarker,
                newId = (RedisValue)Guid.NewGuid().ToString("N"),
            }))!;
        }
        catch (Exception ex)
        {
            logger.LogDebug("Storage: the data marker was not read: {Fault}", ex.GetType().Name);
            return;
        }
        var (id, count, made) = ((string)values[0]!, (long)values[1], (long)values[2] == 1);
        string? lost = null;
        if (_id is null)
        {
            if (made)
            {
                logger.LogInformation("Storage: Redis at {Endpoints} held no data of the line's yet: a first start, or Redis lost it before this " +
                    "instance started.", Endpoints());
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
        _id = id;
        _count = count;
        if (lost is null) return;
        loss.Found(lost);
        logger.LogError("Storage: {What}, at {Endpoints}. What was kept since that copy, or before, may be gone: opt-outs (a number that " +
            "sent STOP may be texted again), check-in timers and safety plans (no check-in text, no alert to a contact), chats with staff, " +
            "pending deletions at the provider; texts sent since may go out again. See README, \"Redis persistence\".", lost, Endpoints());
    }

    private string Endpoints() => string.Join(", ", redis.GetEndPoints().Select(EndPointCollection.ToString));
}
