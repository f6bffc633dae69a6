using Microsoft.Data.Sqlite;
using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// A check-in timer whose step comes round long after its time: the line was down for hours, or it was started on a
/// copy of its database taken before she ended the timer with OK. Her contact is not alerted days late about a
/// check-in that may have ended long ago, nor is she texted "Checking in" at a time she never asked for.
/// </summary>
public sealed class StaleCheckInTests
{
    private const string Texter = "+16305558401";
    private const string Contact = "+16305558402";
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    private static async Task WithContactAsync(CheckInLine line)
    {
        await line.Phone(Texter).TextAsync("hi");
        await line.Phone(Texter).TextAsync("BUDDY (630) 555-8402 Ana");
        await line.PassesAsync();
        await line.Phone(Contact).TextAsync("YES");
        await line.PassesAsync();
    }

    [Fact]
    public async Task A_check_in_found_two_days_past_its_time_texts_no_one_and_her_late_ok_is_told_the_time_passed()
    {
        await using var line = await CheckInLine.StartAsync(staff: true);
        await WithContactAsync(line);
        await line.Phone(Texter).TextAsync("CHECK 30");
        var sentToHer = line.SentTo(Texter).Count;

        line.Factory.Clock.Advance(TimeSpan.FromDays(2)); // no pass ran: the line was down
        await line.PassesAsync();
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));
        await line.PassesAsync();

        Assert.Equal(sentToHer, line.SentTo(Texter).Count);
        Assert.Single(line.SentTo(Contact)); // the request to be her contact, no alert
        Assert.Empty(line.SentTo(CheckInLine.StaffNumber));
        Assert.Equal(English.CheckInLate, await line.Phone(Texter).TextAsync("OK"));
    }

    [Fact]
    public async Task An_alert_found_a_day_past_the_grace_is_not_sent()
    {
        await using var line = await CheckInLine.StartAsync(staff: true);
        await WithContactAsync(line);
        await line.Phone(Texter).TextAsync("CHECK 30");
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        Assert.Equal(English.CheckInDue, line.SentTo(Texter)[^1]);

        line.Factory.Clock.Advance(TimeSpan.FromDays(1));
        await line.PassesAsync();
        await line.PassesAsync();

        Assert.Single(line.SentTo(Contact));
        Assert.Empty(line.SentTo(CheckInLine.StaffNumber));
        Assert.Equal(English.CheckInLate, await line.Phone(Texter).TextAsync("I'm ok"));
    }

    [Fact]
    public async Task A_check_in_twenty_minutes_late_after_an_outage_still_runs_and_alerts_her_contact()
    {
        await using var line = await CheckInLine.StartAsync();
        await WithContactAsync(line);
        await line.Phone(Texter).TextAsync("CHECK 30");

        line.Factory.Clock.Advance(TimeSpan.FromMinutes(50));
        await line.PassesAsync();
        Assert.Equal(English.CheckInDue, line.SentTo(Texter)[^1]);
        await line.AdvanceAsync(TimeSpan.FromMinutes(10));
        await line.PassesAsync();

        Assert.StartsWith("Westmont Text Line: Ana has not checked in since 6:30 AM", line.SentTo(Contact)[^1]);
    }

    [Fact]
    public async Task A_line_started_on_a_copy_taken_before_her_ok_does_not_alert_her_contact_hours_later()
    {
        var database = Path.Combine(Path.GetTempPath(), $"textline-stale-{Guid.NewGuid():N}.db");
        var copy = database + ".copy.db";
        try
        {
            await using var fake = await WestmontTextLine.Tests.Outbound.ProviderTextLine.StartFakeAsync();
            await using (var before = await CheckInLine.StartAsync(new TextLineFactory { DatabasePath = database, KeepDatabase = true }, staff: true,
                fake: fake))
            {
                await WithContactAsync(before);
                await before.Phone(Texter).TextAsync("CHECK 30");
                Backup(database, copy);
                Assert.Equal(English.CheckInStopped, await before.Phone(Texter).TextAsync("OK"));
            }
            var sent = fake.Messages.Count;

            var restored = new TextLineFactory { DatabasePath = copy };
            restored.Clock.Advance(TimeSpan.FromHours(3));
            await using var after = await CheckInLine.StartAsync(restored, staff: true, fake: fake);
            await after.PassesAsync();
            await after.AdvanceAsync(TimeSpan.FromMinutes(11));
            await after.PassesAsync();

            Assert.Equal(sent, fake.Messages.Count);
        }
        finally
        {
            SqliteFiles.Delete(database);
            SqliteFiles.Delete(copy);
        }
    }

    /// <summary>SQLite's own backup, as README's ".backup" takes it while the line runs.</summary>
    private static void Backup(string database, string copy)
    {
        using var from = new SqliteConnection($"Data Source={database};Pooling=False");
        using var to = new SqliteConnection($"Data Source={copy};Pooling=False");
        from.Open();
        to.Open();
        from.BackupDatabase(to);
    }
}
