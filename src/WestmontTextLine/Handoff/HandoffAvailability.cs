using Microsoft.Extensions.Options;
using WestmontTextLine.Outbound;
using WestmontTextLine.Settings;

namespace WestmontTextLine.Handoff;

/// <summary>Whether a texter may be told someone will text back: inside Handoff:Hours, someone on shift, and the line able to text.</summary>
/// <param name="Available">Someone can answer now.</param>
/// <param name="NextStart">After hours: when staffed hours next begin (the line's wall-clock time); else null.</param>
/// <param name="CanTakeMessage">No one can answer, but a message for the next shift may be left.</param>
public sealed record HandoffChance(bool Available, DateTime? NextStart, bool CanTakeMessage, DateOnly? Today = null);

public sealed class HandoffAvailability(IShifts shifts, IOutboundTexts outbound, LineClock clock, IOptions<HandoffOptions> options, TimeProvider time)
{
    public async Task<HandoffChance> NowAsync(CancellationToken cancellationToken)
    {
        var hours = options.Value.StaffedHours();
        var local = clock.LocalTime(time.GetUtcNow());
        var inHours = hours.IsEmpty || hours.IsOpen(local);
        // Staff reply by text through the provider: without it, no one can answer, whoever is on shift.
        if (!outbound.Enabled) return new HandoffChance(false, null, false);
        if (inHours && (await shifts.OnShiftAsync(cancellationToken)).Count > 0) return new HandoffChance(true, null, false);
        // Hours that begin in the hour the clocks skip (02:00 on a spring-forward night) begin when the clocks read 3:00.
        var next = inHours ? null : hours.NextStart(local) is { } start ? clock.ShownAs(start) : (DateTime?)null;
        return new HandoffChance(false, next, options.Value.TakeMessages, DateOnly.FromDateTime(local));
    }

    /// <summary>How long a message left now waits for staff: until a day after staffed hours next begin.</summary>
    public DateTimeOffset MessageWaitsUntil(DateTimeOffset now)
    {
        var next = options.Value.StaffedHours().NextStart(clock.LocalTime(now));
        var from = next is { } start ? clock.MomentOf(start) : now;
        return (from > now ? from : now) + TimeSpan.FromDays(1);
    }
}
