using System.Collections.Concurrent;
using WestmontTextLine.Sessions;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Storage;

/// <summary>Usage counts in this process only: for `chat`, whose trial texts must not show up in the real stats.</summary>
public sealed class InMemoryUsageCounter : IUsageCounter
{
    private readonly ConcurrentDictionary<(DateOnly Day, string Metric), long> _counts = new();

    public Task IncrementAsync(DateOnly day, IReadOnlyList<string> metrics, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var metric in metrics) _counts.AddOrUpdate((day, metric), 1, (_, count) => count + 1);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<UsageCount>> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<UsageCount> counts = _counts
            .Where(entry => entry.Key.Day >= from && entry.Key.Day <= to)
            .Select(entry => new UsageCount(entry.Key.Day, entry.Key.Metric, entry.Value))
            .OrderBy(count => count.Day).ThenBy(count => count.Metric, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(counts);
    }
}
