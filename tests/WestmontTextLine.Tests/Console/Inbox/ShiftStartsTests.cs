using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WestmontTextLine.Console;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Console.Inbox;
using WestmontTextLine.Handoff;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console.Inbox;

/// <summary>
/// A volunteer's script presses the shift button on and off, two audit lines each time, to push what she did before
/// out of the log (it keeps its newest entries). Before, nothing stopped it: 10,000 lines in under a minute.
/// </summary>
public sealed class ShiftStartsTests
{
    [Fact]
    public async Task The_button_puts_her_on_shift_ten_times_an_hour_and_then_waits_while_going_off_always_works()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var mallory = await factory.SignedInAsync("mallory");
        for (var time = 0; time < ShiftStarts.MaxPerHour; time++)
        {
            await mallory.GoOnShiftAsync();
            await mallory.GoOnShiftAsync(on: false);
        }

        using var refused = await mallory.PostFormAsync("/Shift", [new("On", "true"), new("ReturnUrl", ConsoleClient.Url("/Inbox"))]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains($"You went on shift {ShiftStarts.MaxPerHour} times in the last hour", await refused.Content.ReadAsStringAsync());
        Assert.DoesNotContain("mallory", await factory.Services.GetRequiredService<IShifts>().OnShiftAsync());
        var entries = await factory.Services.GetRequiredService<IAuditLog>().ReadAsync(1000);
        Assert.Equal(ShiftStarts.MaxPerHour, entries.Count(entry => entry.Action == ConsoleAuditActions.ShiftOn));
        Assert.Equal(ShiftStarts.MaxPerHour, entries.Count(entry => entry.Action == ConsoleAuditActions.ShiftOff));
    }

    [Fact]
    public async Task Going_off_shift_is_never_refused_and_a_colleague_is_counted_apart()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var mallory = await factory.SignedInAsync("mallory");
        using var alice = await factory.SignedInAsync("alice");
        var starts = factory.Services.GetRequiredService<ShiftStarts>();
        for (var time = 0; time < ShiftStarts.MaxPerHour - 1; time++) Assert.True(starts.TryStart("mallory"));
        await mallory.GoOnShiftAsync();
        await mallory.GoOnShiftAsync();
        await mallory.GoOnShiftAsync(on: false);
        await alice.GoOnShiftAsync();
        Assert.Equal(["alice"], await factory.Services.GetRequiredService<IShifts>().OnShiftAsync());
    }

    [Fact]
    public void A_start_counts_for_an_hour()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-04T20:00:00Z"));
        var starts = new ShiftStarts(clock);
        for (var time = 0; time < ShiftStarts.MaxPerHour; time++)
        {
            Assert.True(starts.TryStart("mallory"));
            clock.Advance(TimeSpan.FromMinutes(1));
        }
        Assert.False(starts.TryStart("Mallory"));
        clock.Advance(TimeSpan.FromMinutes(50));
        Assert.True(starts.TryStart("mallory"));
        Assert.False(starts.TryStart("mallory"));
    }
}
