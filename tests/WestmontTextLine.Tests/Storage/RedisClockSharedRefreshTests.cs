using System.Text.RegularExpressions;
using StackExchange.Redis;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// Everything in flight when the offset to Redis's clock must be measured (the first use, a host clock stepped) waits
/// for one measurement. Each sent its own TIME before: 200 scheduled items at once queued 200 of them, and under load
/// the last timed out (seen in CI as a RedisTimeoutException on TIME).
/// </summary>
public sealed partial class RedisClockSharedRefreshTests
{
    [Fact]
    public async Task A_hundred_callers_needing_the_first_measurement_at_once_share_one_time_command()
    {
        using var server = RedisServer.Start();
        using var connection = RedisConnection.Connect(server.ConnectionString);
        var clock = new RedisClock(connection);
        var before = await TimeCallsAsync(connection);

        await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(async () => await clock.MeasuredOffsetMillisecondsAsync())));

        // A caller that came after the shared one ended may start the next: a few at most, never one each.
        Assert.InRange(await TimeCallsAsync(connection) - before, 1, 3);
    }

    private static async Task<long> TimeCallsAsync(IConnectionMultiplexer connection)
    {
        var info = (string)(await connection.GetDatabase().ExecuteAsync("INFO", "commandstats"))!;
        var calls = TimeCalls().Match(info);
        return calls.Success ? long.Parse(calls.Groups[1].Value) : 0;
    }

    [GeneratedRegex(@"cmdstat_time:calls=(\d+)")]
    private static partial Regex TimeCalls();
}
