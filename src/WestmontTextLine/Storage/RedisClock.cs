using StackExchange.Redis;

namespace WestmontTextLine.Storage;

/// <summary>
/// Turns a moment on this machine's clock into Redis's clock, so a script can compare a deadline with Redis's TIME.
/// The offset is measured with TIME now and then (half the round trip counted), off every text's path; until the
/// first measurement it is taken as zero.
/// </summary>
public sealed class RedisClock(IConnectionMultiplexer redis, TimeProvider? time = null)
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromMinutes(1);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private long _offsetMilliseconds;
    private long _nextRefresh;
    private int _refreshing;
    private int _measured;
    private long _measuredAtWall;
    private long _measuredAtTimestamp;
    private readonly Lock _refreshGate = new();
    private Task? _sharedRefresh;

    // A host clock that moved this much more or less than the time elapsed since the offset was measured was stepped.
    private static readonly TimeSpan StepToNotice = TimeSpan.FromSeconds(1);

    public long OffsetMilliseconds => Interlocked.Read(ref _offsetMilliseconds);

    /// <summary>Whether the offset was measured yet (tests wait for a first measurement made in the background).</summary>
    internal bool HasMeasured => Volatile.Read(ref _measured) == 1;

    /// <summary>The moment in Redis's milliseconds since the epoch.</summary>
    public long ToRedisMilliseconds(DateTimeOffset moment)
    {
        RefreshIfDue();
        return moment.ToUnixTimeMilliseconds() + OffsetMilliseconds;
    }

    public async Task RefreshAsync()
    {
        var before = _time.GetUtcNow();
        var result = (RedisResult[])(await redis.GetDatabase().ExecuteAsync("TIME"))!;
        var after = _time.GetUtcNow();
        var redisMilliseconds = (long)result[0] * 1000 + (long)result[1] / 1000;
        var localMidpoint = (before + (after - before) / 2).ToUnixTimeMilliseconds();
        Interlocked.Exchange(ref _offsetMilliseconds, redisMilliseconds - localMidpoint);
        Interlocked.Exchange(ref _measuredAtWall, after.ToUnixTimeMilliseconds());
        Interlocked.Exchange(ref _measuredAtTimestamp, _time.GetTimestamp());
        Volatile.Write(ref _measured, 1);
    }

    /// <summary>
    /// One measurement for every caller that needs one now: at a first use, or after the host clock was stepped, every
    /// text and every scheduled item in flight waits for the offset, and each sent its own TIME (200 at once timed out
    /// behind each other under load).
    /// </summary>
    private Task SharedRefreshAsync()
    {
        lock (_refreshGate)
        {
            if (_sharedRefresh is null || _sharedRefresh.IsCompleted) _sharedRefresh = RefreshAsync();
            return _sharedRefresh;
        }
    }

    /// <summary>
    /// The offset, measured first if it never was (times compared across hosts must not use a zero guess), and measured
    /// again at once when this host's clock was stepped since (NTP, an operator), not up to a minute later.
    /// </summary>
    public async ValueTask<long> MeasuredOffsetMillisecondsAsync()
    {
        if (Volatile.Read(ref _measured) == 0 || HostClockStepped()) await SharedRefreshAsync();
        else RefreshIfDue();
        return OffsetMilliseconds;
    }

    /// <summary>
    /// <see cref="ToRedisMilliseconds"/>, with the offset measured again first when this host's clock was stepped since
    /// it was measured; a first measurement is still made in the background (a save on the reply path waits for none).
    /// </summary>
    public async ValueTask<long> ToRedisMillisecondsAsync(DateTimeOffset moment, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _measured) == 1 && HostClockStepped()) await SharedRefreshAsync().WaitAsync(cancellationToken);
        return ToRedisMilliseconds(moment);
    }

    private bool HostClockStepped()
    {
        var wallMoved = TimeSpan.FromMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds() - Interlocked.Read(ref _measuredAtWall));
        var elapsed = _time.GetElapsedTime(Interlocked.Read(ref _measuredAtTimestamp));
        return (wallMoved - elapsed).Duration() > StepToNotice;
    }

    private void RefreshIfDue()
    {
        var now = Environment.TickCount64;
        if (now < Interlocked.Read(ref _nextRefresh) || Interlocked.Exchange(ref _refreshing, 1) == 1) return;
        Interlocked.Exchange(ref _nextRefresh, now + (long)RefreshEvery.TotalMilliseconds);
        _ = Task.Run(async () =>
        {
            try
            {
                await RefreshAsync();
            }
            catch (Exception)
            {
                Interlocked.Exchange(ref _nextRefresh, 0); // try again with the next save
            }
            finally
            {
                Volatile.Write(ref _refreshing, 0);
            }
        });
    }
}
