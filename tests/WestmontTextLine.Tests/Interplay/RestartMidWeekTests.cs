using WestmontTextLine.Handoff;
using WestmontTextLine.Tests.Handoff;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Interplay;

/// <summary>
/// Her check-in, her contact and her chat with staff, with the line restarted between the steps (a deploy): each
/// feature goes on where it was, in her language, on the same SQLite file.
/// </summary>
public sealed class RestartMidWeekTests
{
    private const string Texter = "+16305558571";
    private const string Contact = "+16305558572";

    [Fact]
    public async Task A_restart_between_each_step_loses_nothing_and_keeps_her_language()
    {
        var database = Path.Combine(Path.GetTempPath(), $"textline-interplay-{Guid.NewGuid():N}.db");
        await using var fake = await ProviderTextLine.StartFakeAsync();
        var at = TimeSpan.Zero; // time since the first line started, carried across restarts
        async Task<HandoffLine> StartAsync()
        {
            var line = await HandoffLine.StartAsync(new TextLineFactory { DatabasePath = database, KeepDatabase = true }, fake: fake, onShift: false);
            line.Factory.Clock.Advance(at);
            return line;
        }
        async Task RestartAsync(HandoffLine line)
        {
            at = line.Factory.Clock.GetUtcNow() - new DateTimeOffset(2026, 11, 26, 16, 0, 0, TimeSpan.Zero);
            await line.DisposeAsync();
        }
        try
        {
            var line = await StartAsync();
            await line.Shifts.GoOnAsync(HandoffLine.Staff);
            var phone = line.Phone(Texter);
            await phone.TextAsync("hola");
            Assert.Equal(HandoffLine.Spanish.BuddyRequested, await phone.TextAsync("CONTACTO 630-555-8572 Bea"));
            await line.PassesAsync();
            await RestartAsync(line);

            line = await StartAsync();
            Assert.Equal(HandoffLine.Spanish.BuddyThanks, await line.Phone(Contact).TextAsync("si"));
            Assert.StartsWith("OK. Te escribo a las 10:20.", await line.Phone(Texter).TextAsync("AVISAME 20"));
            Assert.Equal(HandoffLine.Spanish.HandoffOpen, await line.Phone(Texter).TextAsync("HABLAR"));
            await line.PassesAsync();
            await RestartAsync(line);

            line = await StartAsync();
            await line.AdvanceAsync(TimeSpan.FromMinutes(20));
            await line.PassesAsync();
            Assert.Equal(HandoffLine.Spanish.CheckInDue, line.SentTo(Texter)[^1]);
            Assert.Equal(HandoffLine.Spanish.Emergency, await line.Phone(Texter).TextAsync("no mucho"));
            await RestartAsync(line);

            line = await StartAsync();
            await line.AdvanceAsync(TimeSpan.FromMinutes(10));
            await line.PassesAsync();
            Assert.StartsWith("Westmont Text Line: Bea no responde desde las 10:20.", line.SentTo(Contact)[^1]);
            var conversation = await line.OnlyOpenAsync();
            Assert.True(conversation.Urgent);
            Assert.StartsWith("Her safety check-in time (10:20 AM) passed", (await line.Inbox.MessagesAsync(conversation.Id))[^1].Body);
            await RestartAsync(line);

            line = await StartAsync();
            Assert.Equal(InboxOutcome.Done, await line.Inbox.ClaimAsync(conversation.Id, HandoffLine.Staff));
            Assert.Equal(InboxOutcome.Done, await line.Inbox.CloseAsync(conversation.Id, HandoffLine.Staff));
            await line.PassesAsync();
            Assert.Equal(HandoffLine.Spanish.HandoffClosed, line.SentTo(Texter)[^1]);
            Assert.Equal(HandoffLine.Spanish.CheckInLateContact, await line.Phone(Texter).TextAsync("ESTOY BIEN"));
            await line.DisposeAsync();
        }
        finally
        {
            SqliteFiles.Delete(database);
        }
    }
}
