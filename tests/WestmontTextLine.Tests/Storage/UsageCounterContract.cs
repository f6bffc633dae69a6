using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.Storage;

/// <summary>What every IUsageCounter must do: add up per day and metric, and read back a range of days.</summary>
public abstract class UsageCounterContract
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    protected abstract IUsageCounter Counter { get; }

    [Fact]
    public async Task Counts_add_up_per_day_and_metric()
    {
        await Counter.IncrementAsync(Today, ["texts", "conversations", "node:main"]);
        await Counter.IncrementAsync(Today, ["texts", "texts", "node:health"]);
        await Counter.IncrementAsync(Today.AddDays(-1), ["texts"]);

        var counts = await Counter.ReadAsync(Today.AddDays(-1), Today);

        Assert.Equal(
        [
            new UsageCount(Today.AddDays(-1), "texts", 1),
            new UsageCount(Today, "conversations", 1),
            new UsageCount(Today, "node:health", 1),
            new UsageCount(Today, "node:main", 1),
            new UsageCount(Today, "texts", 3),
        ], counts);
    }

    [Fact]
    public async Task A_read_covers_its_days_only()
    {
        await Counter.IncrementAsync(Today.AddDays(-30), ["texts"]);
        await Counter.IncrementAsync(Today.AddDays(-29), ["texts"]);
        await Counter.IncrementAsync(Today.AddDays(1), ["texts"]);

        var counts = await Counter.ReadAsync(Today.AddDays(-29), Today);

        Assert.Equal([new UsageCount(Today.AddDays(-29), "texts", 1)], counts);
    }

    [Fact]
    public async Task No_metrics_is_no_change()
    {
        await Counter.IncrementAsync(Today, []);

        Assert.Empty(await Counter.ReadAsync(Today, Today));
    }
}

public sealed class InMemoryUsageCounterTests : UsageCounterContract
{
    protected override IUsageCounter Counter { get; } = new InMemoryUsageCounter();
}

public sealed class SqliteUsageCounterTests : UsageCounterContract, IDisposable
{
    private readonly SqliteWriter _writer = new($"Data Source=file:usage-{Guid.NewGuid():N}?mode=memory&cache=shared");
    private readonly SqliteUsageCounter _counter;

    public SqliteUsageCounterTests() => _counter = new SqliteUsageCounter(_writer);

    protected override IUsageCounter Counter => _counter;

    public void Dispose()
    {
        _counter.Dispose();
        _writer.Dispose();
    }
}
