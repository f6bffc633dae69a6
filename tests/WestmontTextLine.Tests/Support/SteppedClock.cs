using Microsoft.Extensions.Time.Testing;

namespace WestmontTextLine.Tests.Support;

/// <summary>
/// The machine's clock as NTP or an operator may step it: <see cref="Step"/> moves the wall clock (GetUtcNow) alone,
/// while the elapsed-time clock (GetTimestamp) and timers keep to the fake clock underneath, which the test moves on.
/// </summary>
public sealed class SteppedClock(FakeTimeProvider underneath) : TimeProvider
{
    private TimeSpan _step;

    public void Step(TimeSpan by) => _step += by;

    public override DateTimeOffset GetUtcNow() => underneath.GetUtcNow() + _step;
    public override long GetTimestamp() => underneath.GetTimestamp();
    public override long TimestampFrequency => underneath.TimestampFrequency;
    public override TimeZoneInfo LocalTimeZone => underneath.LocalTimeZone;
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        underneath.CreateTimer(callback, state, dueTime, period);
}
