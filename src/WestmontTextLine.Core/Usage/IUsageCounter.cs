namespace WestmontTextLine.Usage;

/// <summary>
/// Anonymous usage counts: (day, metric) → count, never linked to a sender. Metrics are names such as
/// "texts", "conversations", "node:health", "keyword:stop".
/// </summary>
public interface IUsageCounter
{
    Task IncrementAsync(DateOnly day, IReadOnlyList<string> metrics, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<UsageCount>> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default);
}

public sealed record UsageCount(DateOnly Day, string Metric, long Count);
