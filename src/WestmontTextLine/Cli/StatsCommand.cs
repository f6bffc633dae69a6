using WestmontTextLine.Settings;
using WestmontTextLine.Outbound;
using WestmontTextLine.Flows;
using WestmontTextLine.Sessions;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Cli;

/// <summary>
/// `stats`: the anonymous usage counts of the last 30 days, read from the configured store. It only reads: where the
/// SQLite file is not there (the line never started, or the path is mistyped) it says so and creates nothing: no empty
/// database owned by whoever ran it, and no zeros reported as if they were counts.
/// </summary>
public static class StatsCommand
{
    public const int LongestWindow = 30;

    public static async Task<int> RunAsync(IServiceProvider services, CliConsole console)
    {
        if (AbsentSqliteDatabase.PathIn(services) is { } missing)
        {
            await console.Output.WriteLineAsync(
                $"No usage to show: there is no database at {missing} (Storage:ConnectionString). The line creates it at its " +
                "first start; stats created nothing.");
            return CliCommand.Ok;
        }
        var clock = services.GetRequiredService<LineClock>();
        var today = clock.DayOf(services.GetRequiredService<TimeProvider>().GetUtcNow());
        var counts = await services.GetRequiredService<IUsageCounter>().ReadAsync(today.AddDays(1 - LongestWindow), today);
        var nodes = NodesOf(services, out var flowProblem);
        if (flowProblem is not null) await console.Error.WriteLineAsync(flowProblem);
        var deletions = services.GetRequiredService<ProviderDeletions>();
        long? waiting = deletions.Enabled ? await deletions.WaitingAsync() : null;
        await new UsageReport(counts, today, nodes, waiting, clock.Zone.Id).WriteAsync(console.Output);
        return CliCommand.Ok;
    }

    /// <summary>The menu's nodes and their labels, to show unvisited nodes too; counts alone when the flows are broken.</summary>
    private static IReadOnlyList<(string Id, string Label)> NodesOf(IServiceProvider services, out string? problem)
    {
        problem = null;
        try
        {
            var language = services.GetRequiredService<Flow>().Default;
            return [.. language.Nodes.Values.Select(n => (n.Id, n.Label ?? "(start)"))];
        }
        catch (FlowLoadException)
        {
            problem = "warning: the flows did not load (run `check`), so nodes are shown by id and only when visited";
            return [];
        }
    }
}
