using System.Net;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console.Inbox;

/// <summary>
/// The note above a conversation's shut reply box says what is true for the one reading it, and what she can do: claim
/// it, take it over from a colleague gone off shift, or ask the colleague who holds it; on the page and in the live part
/// its script fetches (where the note's words come from when the box shuts under her).
/// </summary>
public sealed class ReplyNoteTests
{
    // Found live: after ana transferred a chat to bob, her open page said "Claim this conversation to reply." with no
    // Claim button anywhere (bob, on shift, held it): the note told her to do what the page did not let her do.
    [Fact]
    public async Task A_colleague_looking_at_a_conversation_is_told_who_holds_it_and_what_she_can_do()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        using var bob = await factory.SignedInAsync("bob");
        await alice.GoOnShiftAsync();
        await bob.GoOnShiftAsync();
        var (_, id) = await factory.TalkAsync(factory.CreateTwilioClient("+16305550186"));
        var path = $"/Inbox/{id}";
        Assert.Equal("Claim this conversation to reply.", Note(await bob.GetPageAsync(path)));

        using var claimed = await alice.PostFormAsync(path, [], handler: "Claim");
        Assert.Equal(HttpStatusCode.Redirect, claimed.StatusCode);
        const string HeldByAlice = "alice has this conversation: ask them to transfer it to you to reply.";
        Assert.Equal(HeldByAlice, Note(await bob.GetPageAsync(path)));
        Assert.Contains($"data-reply-note=\"{HeldByAlice}\"", await bob.GetPageAsync($"{path}?handler=Live"));
        Assert.Null(Note(await alice.GetPageAsync(path)));

        await alice.GoOnShiftAsync(on: false);
        Assert.Equal("alice went off shift: take it over to reply.", Note(await bob.GetPageAsync(path)));
    }

    // Found live: after ana transferred a chat to bob, her page still offered Close, and pressing it always answered
    // "Another staff member has this conversation": a button that could never work, on every colleague's page.
    [Fact]
    public async Task Close_is_offered_only_to_whoever_may_close_the_conversation()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        using var bob = await factory.SignedInAsync("bob");
        await alice.GoOnShiftAsync();
        var (_, id) = await factory.TalkAsync(factory.CreateTwilioClient("+16305550189"));
        var path = $"/Inbox/{id}";
        Assert.Contains("id=\"close\"", await bob.GetPageAsync(path));

        using (await alice.PostFormAsync(path, [], handler: "Claim")) { }
        Assert.Contains("id=\"close\"", await alice.GetPageAsync(path));
        Assert.DoesNotContain("id=\"close\"", await bob.GetPageAsync(path));
        Assert.DoesNotContain("id=\"close\"", await bob.GetPageAsync($"{path}?handler=Live"));
    }

    // Found being staff on a Release build: a chat claimed by a colleague who then went off shift showed in the inbox as
    // "Claimed by bob", as if someone answered her, and waited on; only its own page said anyone may take it over.
    [Fact]
    public async Task The_inbox_says_when_the_one_holding_a_conversation_went_off_shift()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        using var bob = await factory.SignedInAsync("bob");
        await alice.GoOnShiftAsync();
        await bob.GoOnShiftAsync();
        var (_, id) = await factory.TalkAsync(factory.CreateTwilioClient("+16305550195"));
        using (await alice.PostFormAsync($"/Inbox/{id}", [], handler: "Claim")) { }
        Assert.Equal("alice", ClaimedByInTheInbox(await bob.GetPageAsync("/Inbox"), id));

        await alice.GoOnShiftAsync(on: false);
        const string OffShift = "alice (off shift: anyone may take it over)";
        Assert.Equal(OffShift, ClaimedByInTheInbox(await bob.GetPageAsync("/Inbox"), id));
        Assert.Equal(OffShift, ClaimedByInTheInbox(await bob.GetPageAsync("/Inbox?handler=List"), id));
    }

    [Fact]
    public async Task Others_waiting_says_when_the_one_holding_a_conversation_went_off_shift()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        using var bob = await factory.SignedInAsync("bob");
        await alice.GoOnShiftAsync();
        await bob.GoOnShiftAsync();
        var (_, held) = await factory.TalkAsync(factory.CreateTwilioClient("+16305550196"));
        var (_, other) = await factory.TalkAsync(factory.CreateTwilioClient("+16305550197"));
        using (await alice.PostFormAsync($"/Inbox/{held}", [], handler: "Claim")) { }
        Assert.Equal("alice", ClaimedByInOthersWaiting(await bob.GetPageAsync($"/Inbox/{other}"), held));

        await alice.GoOnShiftAsync(on: false);
        Assert.Equal("alice (off shift: anyone may take it over)", ClaimedByInOthersWaiting(await bob.GetPageAsync($"/Inbox/{other}"), held));
    }

    /// <summary>Who holds the conversation, as "Others waiting" on another conversation's page says it.</summary>
    private static string ClaimedByInOthersWaiting(string page, string id)
    {
        var item = System.Text.RegularExpressions.Regex.Match(page, $"<li data-other=\"{id}\"[^>]*>.*?claimed by ([^<]*)</span>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(item.Success, "the conversation is not among the others waiting");
        return System.Net.WebUtility.HtmlDecode(item.Groups[1].Value).Trim();
    }

    /// <summary>The inbox row's "Claimed by" cell (the fourth).</summary>
    private static string ClaimedByInTheInbox(string page, string id)
    {
        var row = System.Text.RegularExpressions.Regex.Match(page, $"<tr[^>]*data-conversation=\"{id}\"[^>]*>(.*?)</tr>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(row.Success, "no row for the conversation in the inbox");
        var cells = System.Text.RegularExpressions.Regex.Matches(row.Groups[1].Value, "<td>([^<]*)</td>");
        return System.Net.WebUtility.HtmlDecode(cells[2].Groups[1].Value);
    }

    /// <summary>The note's words, or null when it is hidden (the reply box is open).</summary>
    private static string? Note(string page)
    {
        var match = System.Text.RegularExpressions.Regex.Match(page, "<p id=\"reply-needs-claim\" class=\"notice\"( hidden=\"hidden\")?>([^<]*)</p>");
        Assert.True(match.Success, "no reply note on the page");
        return match.Groups[1].Success ? null : System.Net.WebUtility.HtmlDecode(match.Groups[2].Value);
    }
}
