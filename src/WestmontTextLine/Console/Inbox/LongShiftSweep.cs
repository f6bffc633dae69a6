using WestmontTextLine.Hosting;

namespace WestmontTextLine.Console.Inbox;

/// <summary>Every minute, and at start: the shifts that ended by themselves are taken out and written to the audit log (<see cref="LongShiftEnds"/>).</summary>
public sealed class LongShiftSweep(LongShiftEnds ends, TimeProvider time, ILogger<LongShiftSweep> logger) : PeriodicSweep(time, logger)
{
    public override TimeSpan SweepInterval => TimeSpan.FromMinutes(1);

    protected override string Name => "Shift end sweep";

    protected override Task SweepOnceAsync(CancellationToken cancellationToken) => ends.RecordAsync(cancellationToken);
}
