using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Console;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console.Inbox;

/// <summary>
/// A volunteer who does what she may but should not: the audit log is what shows it, with who, when and which
/// conversation (never a texter's number, pseudonym or words).
/// </summary>
public sealed class InboxAuditTrailTests
{
    [Fact]
    public async Task Reading_a_conversation_a_colleague_holds_is_audited_once_a_half_hour_and_reading_ones_own_or_an_unclaimed_one_is_not()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        using var mallory = await factory.SignedInAsync("mallory");
        await alice.GoOnShiftAsync();
        var number = TestNumbers.Next();
        var texter = factory.CreateTwilioClient(number);
        var (_, held) = await factory.TalkAsync(texter);
        await texter.TextAsync("he has my papers");
        var (_, unclaimed) = await factory.TalkAsync(factory.CreateTwilioClient(TestNumbers.Next()));
        Assert.Contains("he has my papers", await mallory.GetPageAsync($"/Inbox/{held}"));
        using (await alice.PostFormAsync($"/Inbox/{held}", [], handler: "Claim")) { }
        Assert.Empty(await ReadsAsync(factory));

        // Mallory opens Alice's conversation, and her page fetches its live part as texts come: one line.
        Assert.Contains("he has my papers", await mallory.GetPageAsync($"/Inbox/{held}"));
        for (var refresh = 0; refresh < 3; refresh++) await mallory.GetPageAsync($"/Inbox/{held}?handler=Live");
        await alice.GetPageAsync($"/Inbox/{held}");
        await mallory.GetPageAsync($"/Inbox/{unclaimed}");
        // Scraped by its live part alone, half an hour on: a line again.
        factory.Clock.Advance(TimeSpan.FromMinutes(16));
        await mallory.GetPageAsync($"/Inbox/{held}?handler=Live");
        factory.Clock.Advance(TimeSpan.FromMinutes(16));
        await mallory.GetPageAsync($"/Inbox/{held}?handler=Live");

        // Before, none of it showed: reading a colleague's conversation left no trace.
        var line = $"mallory conversation {held} (held by alice)";
        Assert.Equal([line, line], (await ReadsAsync(factory)).Select(entry => $"{entry.Actor} {entry.Target}"));
        foreach (var entry in await ReadsAsync(factory)) Assert.DoesNotContain(factory.PseudonymOf(number), entry.Target);
    }

    private static async Task<IReadOnlyList<AuditEntry>> ReadsAsync(TextLineFactory factory) =>
        [.. (await factory.Services.GetRequiredService<IAuditLog>().ReadAsync(100)).Where(entry => entry.Action == ConsoleAuditActions.ConversationRead)];

    [Fact]
    public async Task Claim_pressed_again_on_a_conversation_she_holds_writes_no_more_lines()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        await alice.GoOnShiftAsync();
        var (_, id) = await factory.TalkAsync(factory.CreateTwilioClient(TestNumbers.Next()));

        for (var press = 0; press < 5; press++)
        {
            using var claimed = await alice.PostFormAsync($"/Inbox/{id}", [], handler: "Claim");
            Assert.Equal(ConsoleClient.Url($"/Inbox/{id}"), ConsoleClient.Where(claimed));
        }

        // Before, each press wrote "inbox.claimed": a script pressing it could fill the log and push older lines out.
        var claims = (await factory.Services.GetRequiredService<IAuditLog>().ReadAsync(100)).Where(entry => entry.Action == ConsoleAuditActions.ConversationClaimed);
        Assert.Equal([$"alice conversation {id}"], claims.Select(entry => $"{entry.Actor} {entry.Target}"));
        Assert.Equal("alice", (await factory.ConversationAsync(id))!.ClaimedBy);
    }

    [Fact]
    public async Task Deleting_a_colleagues_open_conversation_is_audited_as_open_and_held_by_the_colleague()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        using var mallory = await factory.SignedInAsync("mallory");
        await alice.GoOnShiftAsync();
        var number = TestNumbers.Next();
        var (_, held) = await factory.TalkAsync(factory.CreateTwilioClient(number));
        using (await alice.PostFormAsync($"/Inbox/{held}", [], handler: "Claim")) { }
        var (_, unclaimed) = await factory.TalkAsync(factory.CreateTwilioClient(TestNumbers.Next()));

        foreach (var id in new[] { held, unclaimed })
        {
            using var deleted = await mallory.PostFormAsync($"/Inbox/{id}", [new("confirm", "true")], handler: "Delete");
            Assert.Equal(ConsoleClient.Url("/Inbox"), ConsoleClient.Where(deleted));
        }

        // Before, both lines read "mallory inbox.deleted conversation ...", as for a closed conversation of her own.
        var deletions = (await factory.Services.GetRequiredService<IAuditLog>().ReadAsync(100))
            .Where(entry => entry.Action == ConsoleAuditActions.ConversationDeleted).Reverse().Select(entry => $"{entry.Actor} {entry.Target}");
        Assert.Equal([$"mallory conversation {held} (open, held by alice)", $"mallory conversation {unclaimed} (open, unclaimed)"], deletions);
        using var gone = await alice.GetAsync($"/Inbox/{held}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    /// <summary>
    /// Alice goes home holding a conversation; Bob takes it over. The trail says from whom, as the deletion of a
    /// colleague's conversation does. Before, it read as an ordinary claim, and a reader had to search back for who
    /// held it and whether Bob took it from someone still on shift.
    /// </summary>
    [Fact]
    public async Task Taking_over_a_conversation_from_a_colleague_off_shift_says_from_whom()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        using var bob = await factory.SignedInAsync("bob");
        await alice.GoOnShiftAsync();
        await bob.GoOnShiftAsync();
        var (_, id) = await factory.TalkAsync(factory.CreateTwilioClient(TestNumbers.Next()));
        using (await alice.PostFormAsync($"/Inbox/{id}", [], handler: "Claim")) { }
        await alice.GoOnShiftAsync(on: false);

        using (await bob.PostFormAsync($"/Inbox/{id}", [], handler: "Claim")) { }

        Assert.Equal("bob", (await factory.ConversationAsync(id))!.ClaimedBy);
        var claims = (await factory.Services.GetRequiredService<IAuditLog>().ReadAsync(100))
            .Where(entry => entry.Action == ConsoleAuditActions.ConversationClaimed).Reverse().Select(entry => $"{entry.Actor} {entry.Target}");
        Assert.Equal([$"alice conversation {id}", $"bob conversation {id} (taken over from alice)"], claims);
    }
}
