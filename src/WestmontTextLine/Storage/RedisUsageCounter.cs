using StackExchange.Redis;
using WestmontTextLine.Sessions;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Storage;

/// <summary>
/// Anonymous usage counts in Redis, shared by every instance: one hash per day (wtl:usage:2026-11-26),
/// one field per metric, incremented with HINCRBY so concurrent instances never lose a count.
/// </summary>
public sealed class RedisUsageCounter(IConnectionMultiplexer redis, RedisKeys? keys = null) : IUsageCounter
{
    private readonly RedisKeys _keys = keys ?? new RedisKeys();

    public async Task IncrementAsync(DateOnly day, IReadOnlyList<string> metrics, CancellationToken cancellationToken = default)
    {
        if (metrics.Count == 0) return;
        var database = redis.GetDatabase();
        var key = _keys.Usage(day);
        var increments = metrics.CountBy(m => m).Select(entry => database.HashIncrementAsync(key, entry.Key, entry.Value)).ToArray();
        await Task.WhenAll(increments).WaitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<UsageCount>> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var database = redis.GetDatabase();
        var days = Enumerable.Range(0, Math.Max(0, to.DayNumber - from.DayNumber + 1)).Select(from.AddDays).ToArray();
        var hashes = await Task.WhenAll(days.Select(day => database.HashGetAllAsync(_keys.Usage(day)))).WaitAsync(cancellationToken);
        return [.. days.Zip(hashes)
            .SelectMany(pair => pair.Second.Select(entry => new UsageCount(pair.First, entry.Name.ToString(), (long)entry.Value)))
            .OrderBy(count => count.Day)
            .ThenBy(count => count.Metric, StringComparer.Ordinal)];
    }
}
