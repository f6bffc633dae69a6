using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Performance;

/// <summary>
/// A guard on what loading the repo's flows allocates, as the line loads them at start (errors only): the load runs
/// on the way to the first answer, and each 2.5 MB or so it allocates there is a collection that stops every thread
/// (issue 18). It counts bytes, not time: speed is measured by the benchmarks in bench/, never in a test.
/// </summary>
public class FlowLoadAllocationTests
{
    // 6.5 MB before the distress lists were parsed once and their matcher shared, normalising wrote into a buffer on
    // the stack, and the matcher and the phrase parser lost their LINQ (bench/README, "What changed").
    private const long BudgetBytes = 4_500_000;

    [Fact]
    public void Loading_the_repos_flows_allocates_less_than_the_budget()
    {
        FlowLoader.Load(RepoPaths.Flows, warnings: false).FlowOrThrow(); // the types' one-time set-up, not the load's

        // The least of three loads: what other tests running beside it take from shared pools (ArrayPool.Shared's per-core
        // arrays) the load allocates anew, and once, inside a run of 893 tests, that put it 32 KB or more over.
        var allocated = long.MaxValue;
        for (var load = 0; load < 3; load++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var flow = FlowLoader.Load(RepoPaths.Flows, warnings: false).FlowOrThrow();
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.NotNull(flow);
        }

        Assert.True(allocated <= BudgetBytes, $"loading the flows allocated {allocated:N0} bytes, budget {BudgetBytes:N0}");
    }
}
