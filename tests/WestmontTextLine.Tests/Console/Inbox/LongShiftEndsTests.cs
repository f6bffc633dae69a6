using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Console;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Console.Inbox;
using WestmontTextLine.Handoff;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console.Inbox;

/// <summary>
/// A volunteer forgets to go off shift; after 12 hours the line takes her off by itself. An administrator reading the
/// trail after an incident that night must see when texters stopped being told she would text back: "shift.off" by
/// (12-hour limit), about her, at the moment it ended, once, and before her next "shift.on". Before, the trail showed
/// her "shift.on" with no end.
/// </summary>
public sealed class LongShiftEndsTests
{
    [Fact]
    public async Task A_shift_that_ends_by_itself_after_twelve_hours_is_written_once_at_its_end()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        var started = factory.Clock.GetUtcNow();
        await alice.GoOnShiftAsync();

        factory.Clock.Advance(ShiftRoster.LongestShift + TimeSpan.FromMinutes(3));
        var sweep = factory.Services.GetRequiredService<LongShiftSweep>();
        await sweep.SweepAsync(CancellationToken.None);
        await sweep.SweepAsync(CancellationToken.None);

        var end = Assert.Single(await ShiftEndsAsync(factory));
        Assert.Equal((LongShiftEnds.Actor, "alice"), (end.Actor, end.Target));
        Assert.Equal(started + ShiftRoster.LongestShift, end.Time, TimeSpan.FromSeconds(1));
        Assert.Empty(await factory.Services.GetRequiredService<IShifts>().OnShiftAsync());
        using var ana = await factory.SignedInAsync("ana", StaffRoles.Admin);
        var page = await ana.GetPageAsync($"/Admin/Audit?who={Uri.EscapeDataString(LongShiftEnds.Actor)}");
        Assert.Contains("Entries 1 to 1 of 1 that match", page);
        Assert.Contains("shift.off", page);
    }

    [Fact]
    public async Task Her_next_shift_comes_after_the_end_of_the_one_that_ended_by_itself()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        await alice.GoOnShiftAsync();

        factory.Clock.Advance(ShiftRoster.LongestShift + TimeSpan.FromHours(1));
        // Back the next evening (her session has long ended): the shift button, as she presses it once signed in again.
        Assert.True(await factory.Services.GetRequiredService<ShiftSwitch>().SetAsync("alice", on: true, CancellationToken.None));
        await factory.Services.GetRequiredService<LongShiftSweep>().SweepAsync(CancellationToken.None);

        var shifts = (await factory.Services.GetRequiredService<IAuditLog>().ReadAsync(100))
            .Where(entry => AuditFilter.KindOf(entry.Action) == "shift").Select(entry => (entry.Actor, entry.Action)).ToList();
        Assert.Equal([("alice", ConsoleAuditActions.ShiftOn), (LongShiftEnds.Actor, ConsoleAuditActions.ShiftOff), ("alice", ConsoleAuditActions.ShiftOn)],
            shifts);
        Assert.Equal(["alice"], await factory.Services.GetRequiredService<IShifts>().OnShiftAsync());
    }

    private static async Task<List<AuditEntry>> ShiftEndsAsync(TextLineFactory factory) =>
        [.. (await factory.Services.GetRequiredService<IAuditLog>().ReadAsync(100)).Where(entry => entry.Action == ConsoleAuditActions.ShiftOff)];
}
