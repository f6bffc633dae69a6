using WestmontTextLine.Scheduling;

namespace WestmontTextLine.Tests.Scheduling;

/// <summary>The scheduled-work contract on the in-memory queue: it must behave as the stored ones.</summary>
public sealed class InMemoryScheduledWorkContractTests : ScheduledWorkContract
{
    private readonly InMemoryScheduledWork _work = new();

    protected override IScheduledWork Work => _work;

    protected override IScheduledWork OtherInstance => _work;
}
