using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Handoff;
using WestmontTextLine.Outbound;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Handoff;

/// <summary>What the inbox keeps on SQLite: encrypted, only as long as it must, and durable across a restart.</summary>
public sealed class HandoffStorageTests
{
    private const string Texter = "+16305558301";
    private const string TexterMarker = "zebra-marker-9c1e my papers";
    private const string StaffMarker = "okapi-marker-4b2d call me";

    [Fact]
    public async Task Bodies_and_her_number_are_never_in_the_database_file_or_the_logs_in_plain_text()
    {
        var factory = new TextLineFactory { KeepDatabase = true };
        try
        {
            await using (var line = await HandoffLine.StartAsync(factory))
            {
                var phone = line.Phone(Texter);
                await phone.TextAsync("TALK");
                await phone.TextAsync(TexterMarker);
                var id = (await line.OnlyOpenAsync()).Id;
                await line.Inbox.ClaimAsync(id, HandoffLine.Staff);
                await line.Inbox.ReplyAsync(id, HandoffLine.Staff, StaffMarker);

                // Queued in the outbox, and stored in the conversation: both encrypted.
                AssertNotInFile(factory.DatabasePath);
                Assert.Contains(await line.Inbox.MessagesAsync(id), m => m.Body == TexterMarker);

                await line.PassesAsync();
                await line.Inbox.CloseAsync(id, HandoffLine.Staff);
                await line.PassesAsync();
                AssertNotInFile(factory.DatabasePath);
                foreach (var secret in new[] { "6305558301", "zebra-marker", "okapi-marker" }) Assert.DoesNotContain(secret, factory.Logs.All);
            }
            AssertNotInFile(factory.DatabasePath);
        }
        finally
        {
            SqliteFiles.Delete(factory.DatabasePath);
        }
    }

    [Fact]
    public async Task Retention_takes_a_closed_conversation_out_of_the_file_keep_for_after_it_closed()
    {
        await using var line = await HandoffLine.StartAsync();
        var phone = line.Phone(Texter);
        await phone.TextAsync("TALK");
        var id = (await line.OnlyOpenAsync()).Id;
        await phone.TextAsync("MENU");
        Assert.Equal(1, CountRows(line.Factory.DatabasePath, HandoffStore.ConversationKind));

        // Without the timer (a line that was down): the record is unreadable from its expiry, and the sweep removes its bytes.
        line.Factory.Clock.Advance(TimeSpan.FromHours(24));
        Assert.Null(await line.Inbox.FindAsync(id));
        await line.Factory.Services.GetRequiredService<RetentionService>().SweepAsync(CancellationToken.None);

        Assert.Equal(0, CountRows(line.Factory.DatabasePath, HandoffStore.ConversationKind));
        Assert.Equal(0, CountRows(line.Factory.DatabasePath, HandoffStore.TexterKind));
    }

    [Fact]
    public async Task A_staff_reply_that_was_queued_is_sent_after_a_restart()
    {
        var database = Path.Combine(Path.GetTempPath(), $"textline-handoff-{Guid.NewGuid():N}.db");
        await using var fake = await ProviderTextLine.StartFakeAsync();
        try
        {
            string id;
            await using (var first = await HandoffLine.StartAsync(new TextLineFactory { DatabasePath = database, KeepDatabase = true }, fake: fake))
            {
                await first.Phone(Texter).TextAsync("TALK");
                id = (await first.OnlyOpenAsync()).Id;
                await first.Inbox.ClaimAsync(id, HandoffLine.Staff);
                Assert.Equal(InboxOutcome.Done, await first.Inbox.ReplyAsync(id, HandoffLine.Staff, "Hi, this is Ana."));
                // The line stops before its outbox runs.
            }
            Assert.DoesNotContain(fake.Messages, m => m.To == Texter);

            await using var second = await HandoffLine.StartAsync(new TextLineFactory { DatabasePath = database }, fake: fake, onShift: false);
            await second.Factory.Services.GetRequiredService<OutboundTextWorker>().RunPassAsync(CancellationToken.None);

            Assert.Equal(["Hi, this is Ana."], second.SentTo(Texter));
            Assert.Equal(InboxDelivery.Sent, (await second.Inbox.MessagesAsync(id))[^1].Delivery);
            Assert.Equal(HandoffLine.Staff, (await second.OnlyOpenAsync()).ClaimedBy);
        }
        finally
        {
            SqliteFiles.Delete(database);
        }
    }

    [Fact]
    public async Task Many_texters_asking_for_a_person_at_once_are_each_told_someone_will_text_back_and_each_is_listed()
    {
        await using var line = await HandoffLine.StartAsync();
        var phones = Enumerable.Range(0, 48).Select(i => line.Phone($"+1630555{8400 + i}")).ToList();

        var replies = await Task.WhenAll(phones.Select(phone => phone.TextAsync("TALK")));

        Assert.All(replies, reply => Assert.Equal(HandoffLine.English.HandoffOpen, reply));
        Assert.Equal(phones.Count, (await line.Inbox.ListOpenAsync()).Count);
    }

    [Theory]
    [InlineData("Handoff:Hours", "Mon-Fry 09:00-17:00", "Handoff:Hours 'Mon-Fry 09:00-17:00' cannot be read")]
    [InlineData("Handoff:IdleClose", "00:00:10", "Handoff:IdleClose must be between 00:01:00 and 1.00:00:00")]
    [InlineData("Handoff:KeepFor", "60.00:00:00", "Handoff:KeepFor must be between 00:01:00 and 30.00:00:00")]
    public void A_setting_that_cannot_be_used_stops_start_up_and_names_itself(string setting, string value, string message)
    {
        using var factory = new TextLineFactory();
        factory.Settings[setting] = value;

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        // The whole exception on a mismatch: once (in CI) start-up failed with "Collection was modified" instead.
        if (!error.ToString().Contains(message, StringComparison.Ordinal)) Assert.Fail($"Expected \"{message}\" in:\n{error}");
    }

    [Fact]
    public async Task Empty_hours_promise_no_time_and_whoever_is_on_shift_answers_at_any_hour()
    {
        var factory = new TextLineFactory();
        factory.Settings["Handoff:Hours"] = "";
        await using var line = await HandoffLine.StartAsync(factory, inHours: false);

        Assert.Equal(HandoffLine.English.HandoffOpen, await line.Phone(Texter).TextAsync("TALK"));
        await line.Shifts.GoOffAsync(HandoffLine.Staff);
        Assert.DoesNotContain("Someone will be here", await line.Phone("+16305558302").TextAsync("TALK"));
    }

    [Fact]
    public async Task A_staff_member_left_on_shift_is_taken_off_after_twelve_hours()
    {
        var factory = new TextLineFactory();
        factory.Settings["Handoff:Hours"] = "";
        await using var line = await HandoffLine.StartAsync(factory);

        line.Factory.Clock.Advance(ShiftRoster.LongestShift);

        Assert.Empty(await line.Shifts.OnShiftAsync());
    }

    private static void AssertNotInFile(string databasePath)
    {
        var bytes = string.Concat(SqliteFiles.Suffixes.Select(s => databasePath + s).Where(File.Exists)
            .Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        Assert.True(bytes.Length > 0);
        foreach (var secret in new[] { "6305558301", "zebra-marker", "okapi-marker", "my papers", "call me" }) Assert.DoesNotContain(secret, bytes);
    }

    private static long CountRows(string databasePath, string kind)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM private_records WHERE kind = $kind";
        command.Parameters.AddWithValue("$kind", kind);
        return (long)command.ExecuteScalar()!;
    }
}
