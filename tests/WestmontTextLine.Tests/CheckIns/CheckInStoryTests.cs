using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>The check-in and the safety contact, played as whole stories with the fake Twilio API and a fake clock.</summary>
public sealed class CheckInStoryTests
{
    private const string Texter = "+16305558001";
    private const string Contact = "+16305558002";
    private static Messages English => EngineHarness.Flow.Language("en").Messages;
    private static Messages Spanish => EngineHarness.Flow.Language("es").Messages;

    // The test clock starts at 12:00 UTC on 2026-11-26: 6:00 AM in Chicago.
    [Fact]
    public async Task No_reply_to_a_check_in_alerts_the_contact_who_agreed_with_the_time_that_was_due()
    {
        await using var line = await CheckInLine.StartAsync(staff: true);
        var texter = line.Phone(Texter);
        var contact = line.Phone(Contact);
        await texter.TextAsync("hi");

        Assert.Equal(English.BuddyRequested, await texter.TextAsync("BUDDY (630) 555-8002 Ana"));
        await line.PassesAsync();
        var request = Assert.Single(line.SentTo(Contact));
        Assert.StartsWith("Ana asked the Westmont Text Line to text you", request);
        Assert.Contains("Reply STOP", request);

        Assert.Equal(English.BuddyThanks, await contact.TextAsync("YES"));
        await line.PassesAsync();
        Assert.Equal([English.BuddyAgreed], line.SentTo(Texter));

        Assert.Equal("OK. I will text you at 6:30 AM. Reply OK when you are safe.", await texter.TextAsync("check on me in 30 min"));
        await line.AdvanceAsync(TimeSpan.FromMinutes(29));
        Assert.Single(line.SentTo(Texter));

        await line.AdvanceAsync(TimeSpan.FromMinutes(1));
        await line.PassesAsync();
        Assert.Equal(English.CheckInDue, line.SentTo(Texter)[^1]);
        Assert.Single(line.SentTo(Contact));

        await line.AdvanceAsync(TimeSpan.FromMinutes(10));
        await line.PassesAsync();
        Assert.Equal("Westmont Text Line: Ana has not checked in since 6:30 AM. Please try to reach them. If you think they are in danger, call 911.",
            line.SentTo(Contact)[^1]);
        Assert.Contains("Texter ", Assert.Single(line.SentTo(CheckInLine.StaffNumber)));
        Assert.Equal(2, line.SentTo(Texter).Count); // she is not told: her phone shows nothing new

        // OK after it lapsed says what happened, once; later it is the menu's again.
        await line.AdvanceAsync(TimeSpan.FromMinutes(20));
        Assert.Equal(English.CheckInLateContact, await texter.TextAsync("OK"));
        Assert.NotEqual(English.CheckInLateContact, await texter.TextAsync("OK"));
    }

    [Fact]
    public async Task Ok_in_time_ends_the_timer_and_nobody_is_alerted()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("CHECK 45");

        await line.AdvanceAsync(TimeSpan.FromMinutes(45));
        await line.PassesAsync();
        Assert.Equal([English.CheckInDue], line.SentTo(Texter));
        Assert.Equal(English.CheckInStopped, await texter.TextAsync("I'm ok"));

        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        await line.PassesAsync();
        Assert.Equal([English.CheckInDue], line.SentTo(Texter));
        // The timer is gone from her plan, not only from the queue: a second OK is no longer a check-in's.
        Assert.NotEqual(English.CheckInStopped, await texter.TextAsync("OK"));
    }

    [Fact]
    public async Task Without_a_contact_a_missed_check_in_texts_her_911_and_the_hotline()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("CHECK 2h");

        await line.AdvanceAsync(TimeSpan.FromHours(2));
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));
        await line.PassesAsync();

        Assert.Equal([English.CheckInDue, English.CheckInMissed], line.SentTo(Texter));
        Assert.Contains("911", English.CheckInMissed);
        Assert.Contains("1-888-373-7888", English.CheckInMissed);
        Assert.Equal(English.CheckInLate, await texter.TextAsync("I'm safe"));
    }

    [Fact]
    public async Task A_late_ok_more_than_a_day_after_the_check_in_lapsed_is_the_menus_again()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("CHECK 30");
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));
        await line.PassesAsync();
        Assert.Equal(English.CheckInMissed, line.SentTo(Texter)[^1]);

        await line.AdvanceAsync(TimeSpan.FromDays(1));
        Assert.NotEqual(English.CheckInLate, await texter.TextAsync("OK"));
    }

    [Fact]
    public async Task A_second_check_moves_the_timer()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("CHECK 10");
        Assert.Equal("OK. I will text you at 7:00 AM. Reply OK when you are safe.", await texter.TextAsync("CHECK 1h"));

        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        await line.PassesAsync();
        Assert.Empty(line.SentTo(Texter));
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        await line.PassesAsync();
        Assert.Equal([English.CheckInDue], line.SentTo(Texter));
    }

    [Fact]
    public async Task An_on_call_number_written_as_people_write_it_gets_its_alert_at_its_full_international_form()
    {
        var factory = new TextLineFactory();
        factory.Settings["CheckIn:StaffNumber"] = "(630) 555-7000";
        await using var line = await CheckInLine.StartAsync(factory);
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("CODEWORD pineapple");

        await texter.TextAsync("Pineapple");
        await line.PassesAsync();

        Assert.Contains("Texter ", Assert.Single(line.SentTo(CheckInLine.StaffNumber)));
    }

    [Fact]
    public async Task The_code_word_alone_alerts_the_contact_at_once_and_gets_a_harmless_reply()
    {
        await using var line = await CheckInLine.StartAsync(staff: true);
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("BUDDY 630-555-8002 Ana");
        await line.Phone(Contact).TextAsync("yes");
        Assert.Equal(English.CodeWordSet, await texter.TextAsync("CODEWORD pineapple"));
        await line.PassesAsync();

        Assert.Equal("Got it, thanks.", await texter.TextAsync("Pineapple"));
        await line.PassesAsync();

        Assert.StartsWith("Westmont Text Line: Ana sent their code word at 6:00 AM.", line.SentTo(Contact)[^1]);
        Assert.Single(line.SentTo(CheckInLine.StaffNumber));
        Assert.NotEqual("Got it, thanks.", await texter.TextAsync("pineapples"));
    }

    [Fact]
    public async Task A_code_word_set_before_anyone_agreed_promises_no_alert_until_the_contact_says_yes()
    {
        await using var line = await CheckInLine.StartAsync(staff: true);
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");

        Assert.Equal(English.CodeWordSetNoContact, await texter.TextAsync("CODEWORD pineapple"));
        Assert.Equal("Got it, thanks.", await texter.TextAsync("pineapple"));
        await line.PassesAsync();
        Assert.Single(line.SentTo(CheckInLine.StaffNumber));

        await texter.TextAsync("BUDDY 630-555-8002 Ana");
        Assert.Equal(English.CodeWordSetPending, await texter.TextAsync("CODEWORD mango"));
        await line.PassesAsync();
        Assert.Equal("Got it, thanks.", await texter.TextAsync("mango"));
        await line.PassesAsync();
        Assert.DoesNotContain(line.SentTo(Contact), text => text.Contains("code word"));

        await line.Phone(Contact).TextAsync("yes");
        Assert.Equal("Got it, thanks.", await texter.TextAsync("mango"));
        await line.PassesAsync();
        Assert.StartsWith("Westmont Text Line: Ana sent their code word", line.SentTo(Contact)[^1]);
    }

    [Fact]
    public async Task A_contact_who_says_no_is_never_asked_again_and_the_texter_is_told_once()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("BUDDY 630-555-8002");
        await line.PassesAsync();
        Assert.StartsWith("Someone you know asked the Westmont Text Line", line.SentTo(Contact).Single());

        Assert.Equal(English.BuddyDeclineAck, await line.Phone(Contact).TextAsync("NO"));
        await line.PassesAsync();
        Assert.Equal([English.BuddyDeclined], line.SentTo(Texter));

        line.Factory.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(English.BuddyNotAsked, await texter.TextAsync("BUDDY 630-555-8002 Ana"));
        Assert.Equal(English.BuddyNotAsked, await line.Phone("+16305558003").TextAsync("BUDDY 630-555-8002 Rosa"));
        await line.PassesAsync();
        Assert.Single(line.SentTo(Contact));
    }

    [Fact]
    public async Task A_contact_who_texts_stop_is_never_asked_again()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("BUDDY 630-555-8002 Ana");
        await line.Phone(Contact).TextAsync("STOP");
        await line.PassesAsync();

        // A STOP stops texts, perhaps from someone who has that number now: not "Your safety contact said no".
        Assert.Equal([English.BuddyLeft], line.SentTo(Texter));
        line.Factory.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(English.BuddyNotAsked, await line.Phone("+16305558004").TextAsync("BUDDY 630-555-8002"));
    }

    [Fact]
    public async Task A_texter_asks_one_contact_a_day_and_a_number_is_asked_three_times_a_week_at_most()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        Assert.Equal(English.BuddyRequestedNoName, await texter.TextAsync("BUDDY 630-555-8002"));
        Assert.Equal(English.BuddyLimit, await texter.TextAsync("BUDDY 630-555-8009"));

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(English.BuddyRequestedNoName, await line.Phone($"+1630555810{i}").TextAsync("BUDDY 630-555-8002"));
        }
        Assert.Equal(English.BuddyNotAsked, await line.Phone("+16305558110").TextAsync("BUDDY 630-555-8002"));
        await line.PassesAsync();
        Assert.Equal(3, line.SentTo(Contact).Count);
    }

    [Theory]
    [InlineData("BUDDY +16305558001")] // her own number
    [InlineData("BUDDY " + ProviderTextLineNumber)] // the line's own
    [InlineData("BUDDY 233733")] // a short code
    [InlineData("BUDDY +447911123456")] // outside the US and Canada
    [InlineData("BUDDY 555-0100")] // too short to be a number
    public async Task Numbers_the_line_never_texts_are_refused(string text)
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");

        var reply = await texter.TextAsync(text);

        Assert.True(reply == English.BuddyRefused || reply == English.BuddyUsage, reply);
        await line.PassesAsync();
        Assert.Equal(0, line.Fake.Count("POST"));
    }

    private const string ProviderTextLineNumber = "+16305559999";

    [Fact]
    public async Task Stop_from_the_texter_ends_her_timer_and_her_contact()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("BUDDY 630-555-8002 Ana");
        await line.Phone(Contact).TextAsync("YES");
        await texter.TextAsync("CHECK 30");
        await line.PassesAsync();

        await texter.TextAsync("STOP");
        await line.AdvanceAsync(TimeSpan.FromMinutes(45));
        await line.PassesAsync();
        // Past the due time and the grace however it is counted: a timer STOP left running would alert Ana by now.
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        await line.PassesAsync();

        Assert.Single(line.SentTo(Texter)); // the "agreed" note, before STOP
        Assert.Single(line.SentTo(Contact)); // the request only: no alert
    }

    [Fact]
    public async Task Forget_deletes_her_plan_and_every_number_kept_for_it()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("BUDDY 630-555-8002 Ana");
        await line.Phone(Contact).TextAsync("YES");
        await texter.TextAsync("CODEWORD pineapple");
        await texter.TextAsync("CHECK 30");
        await line.PassesAsync();

        await texter.TextAsync("FORGET");
        await line.AdvanceAsync(TimeSpan.FromMinutes(45));
        await line.PassesAsync();
        SqliteFiles.Checkpoint(line.Factory.DatabasePath);

        Assert.Single(line.SentTo(Contact));
        Assert.NotEqual("Got it, thanks.", await texter.TextAsync("pineapple"));
        Assert.Equal(English.CheckInUsage, await texter.TextAsync("CHECK"));
    }

    [Fact]
    public async Task Numbers_names_and_code_words_are_encrypted_at_rest()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("BUDDY 630-555-8002 Annabelle");
        await texter.TextAsync("CODEWORD pineapple");
        await texter.TextAsync("CHECK 30");
        SqliteFiles.Checkpoint(line.Factory.DatabasePath);

        foreach (var secret in new[] { "6305558001", "6305558002", "Annabelle", "PINEAPPLE", "pineapple" })
        {
            Assert.False(DatabaseContains(line.Factory.DatabasePath, secret), $"'{secret}' is readable in the database");
        }
    }

    [Fact]
    public async Task A_timer_that_fell_due_while_the_line_was_down_fires_at_start_with_the_time_that_was_due()
    {
        var database = Path.Combine(Path.GetTempPath(), $"textline-checkin-{Guid.NewGuid():N}.db");
        await using var fake = await Outbound.ProviderTextLine.StartFakeAsync();
        try
        {
            await using (var first = await CheckInLine.StartAsync(new TextLineFactory { DatabasePath = database, KeepDatabase = true }, fake: fake))
            {
                var texter = first.Phone(Texter);
                await texter.TextAsync("hi");
                await texter.TextAsync("BUDDY 630-555-8002 Ana");
                await first.Phone(Contact).TextAsync("YES");
                await texter.TextAsync("CHECK 15");
                await first.PassesAsync();
            }

            await using var second = await CheckInLine.StartAsync(new TextLineFactory { DatabasePath = database }, fake: fake);
            await second.AdvanceAsync(TimeSpan.FromHours(1));
            await second.PassesAsync();
            Assert.Equal(English.CheckInDue, second.SentTo(Texter)[^1]);
            await second.AdvanceAsync(TimeSpan.FromMinutes(11));
            await second.PassesAsync();

            Assert.Contains("has not checked in since 6:15 AM", second.SentTo(Contact)[^1]);
        }
        finally
        {
            SqliteFiles.Delete(database);
        }
    }

    [Fact]
    public async Task Two_instances_on_redis_fire_each_timer_once()
    {
        using var redis = RedisServer.Start();
        await using var fake = await Outbound.ProviderTextLine.StartFakeAsync();
        await using var one = await CheckInLine.StartAsync(new RedisTextLineFactory(redis.ConnectionString), fake: fake);
        await using var two = await CheckInLine.StartAsync(new RedisTextLineFactory(redis.ConnectionString), fake: fake);
        var texters = Enumerable.Range(0, 6).Select(i => $"+1630555820{i}").ToList();
        foreach (var (number, i) in texters.Select((n, i) => (n, i)))
        {
            var phone = (i % 2 == 0 ? one : two).Phone(number);
            await phone.TextAsync("hi");
            await phone.TextAsync("CHECK 20");
        }

        one.Factory.Clock.Advance(TimeSpan.FromMinutes(20));
        two.Factory.Clock.Advance(TimeSpan.FromMinutes(20));
        await Task.WhenAll(one.PassesAsync(), two.PassesAsync(), one.PassesAsync(), two.PassesAsync());
        await Task.WhenAll(one.PassesAsync(), two.PassesAsync());

        Assert.All(texters, number => Assert.Equal([English.CheckInDue], one.SentTo(number)));
    }

    [Fact]
    public async Task In_spanish_throughout()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hola");
        Assert.Equal(Spanish.BuddyRequested, await texter.TextAsync("CONTACTO +1 630 555 8002 Rosa"));
        await line.PassesAsync();
        Assert.StartsWith("Rosa pidio a Westmont Text Line", line.SentTo(Contact).Single());
        Assert.Equal(Spanish.BuddyThanks, await line.Phone(Contact).TextAsync("si"));
        Assert.Equal("OK. Te escribo a las 6:30. Responde OK cuando estés bien.", await texter.TextAsync("avisame en 30 minutos"));

        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        await line.PassesAsync();
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));
        await line.PassesAsync();

        Assert.Equal([Spanish.BuddyAgreed, Spanish.CheckInDue], line.SentTo(Texter));
        Assert.Equal("Westmont Text Line: Rosa no responde desde las 6:30. Trata de comunicarte. Si crees que esta en peligro, llama al 911.",
            line.SentTo(Contact)[^1]);
    }

    [Fact]
    public async Task Without_a_provider_account_the_check_in_says_it_is_not_on()
    {
        await using var factory = new TextLineFactory();
        var texter = factory.CreateTwilioClient(Texter);
        await texter.TextAsync("hi");

        Assert.Equal(English.CheckInUnavailable, await texter.TextAsync("CHECK 30"));
        Assert.Contains("911", English.CheckInUnavailable);
    }

    private static bool DatabaseContains(string databasePath, string text) =>
        SqliteFiles.Suffixes.Select(s => databasePath + s).Where(File.Exists).Any(file =>
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
        });
}
