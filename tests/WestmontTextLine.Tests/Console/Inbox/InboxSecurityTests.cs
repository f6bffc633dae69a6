using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WestmontTextLine.Console.Inbox;
using WestmontTextLine.Handoff;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console.Inbox;

/// <summary>
/// What an attacker would try against the inbox: its pages, its event stream and every action, signed out, with a
/// password alone, and from another site; and what a stolen or forgotten session could still get from an open inbox.
/// </summary>
public sealed partial class InboxSecurityTests
{
    private const string TexterNumber = "+16305550181";

    /// <summary>Every action of the inbox pages: the shift button, and each handler of a conversation.</summary>
    private static IEnumerable<(string Path, string? Handler, KeyValuePair<string, string>[] Fields)> Actions(string id) =>
    [
        ("/Shift", null, [new("On", "false"), new("ReturnUrl", "/console/Inbox")]),
        ($"/Inbox/{id}", "Claim", []),
        ($"/Inbox/{id}", "Transfer", [new("to", "bob")]),
        ($"/Inbox/{id}", "Reply", [new("Body", "Hello from an attacker")]),
        ($"/Inbox/{id}", "Insert", [new("Body", "x"), new("Referral", "trafficking_hotline")]),
        ($"/Inbox/{id}", "Meter", [new("Body", "x")]),
        ($"/Inbox/{id}", "Retry", [new("number", "1")]),
        ($"/Inbox/{id}", "Close", []),
        ($"/Inbox/{id}", "Delete", [new("confirm", "true")]),
    ];

    private static string[] Reads(string id) => ["/Inbox", "/Inbox?handler=List", $"/Inbox/{id}", $"/Inbox/{id}?handler=Live", "/Shift"];

    [Fact]
    public async Task A_stranger_gets_nothing_from_the_inbox_its_event_stream_or_its_actions()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        await factory.AddStaffAsync("bob");
        await alice.GoOnShiftAsync();
        var (_, id) = await factory.TalkAsync(factory.CreateTwilioClient(TexterNumber));
        using var stranger = ConsoleClient.For(factory);

        foreach (var path in Reads(id))
        {
            using var page = await stranger.GetAsync(path);
            Assert.True(page.StatusCode == HttpStatusCode.Redirect, $"GET {path}: {(int)page.StatusCode}");
            Assert.StartsWith(ConsoleClient.Url("/SignIn"), ConsoleClient.Where(page));
            // Asked the way the page's script asks, the answer is a bare 401: no sign-in page to paste into the inbox.
            using var refresh = await stranger.GetStreamingAsync(path, (AutomaticRequests.Header, "1"));
            Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
            Assert.Empty(await refresh.Content.ReadAsStringAsync());
        }
        await AssertNoStreamAsync(stranger, HttpStatusCode.Unauthorized);

        var token = await TokenFromAsync(stranger, "/SignIn");
        foreach (var (path, handler, fields) in Actions(id))
        {
            using var post = await stranger.PostWithoutTokenAsync(path, [.. fields, token], handler);
            Assert.True(post.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"POST {path} {handler}: {(int)post.StatusCode}");
            Assert.NotEqual(ConsoleClient.Url(path), ConsoleClient.Where(post)?.Split('?')[0]);
        }
        await AssertUntouchedAsync(factory, id, onShift: ["alice"]);
    }

    [Fact]
    public async Task A_password_without_the_second_factor_gets_nothing_from_the_inbox_either()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        await alice.GoOnShiftAsync();
        var (_, id) = await factory.TalkAsync(factory.CreateTwilioClient(TexterNumber));
        await factory.AddStaffAsync("mallory");
        using var halfway = ConsoleClient.For(factory);
        using var password = await halfway.PostFormAsync("/SignIn", [new("UserName", "mallory"), new("Password", ConsoleAccounts.Password)]);
        Assert.Equal(ConsoleClient.Url("/Enrol"), ConsoleClient.Where(password));

        foreach (var path in Reads(id))
        {
            using var page = await halfway.GetAsync(path);
            Assert.True(page.StatusCode == HttpStatusCode.Redirect, $"GET {path}: {(int)page.StatusCode}");
            Assert.NotEqual(ConsoleClient.Url(path), ConsoleClient.Where(page)!.Split('?')[0]);
            using var refresh = await halfway.GetStreamingAsync(path, (AutomaticRequests.Header, "1"));
            Assert.True(refresh.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"refresh {path}: {(int)refresh.StatusCode}");
        }
        await AssertNoStreamAsync(halfway, HttpStatusCode.Forbidden);

        // Her own token, from the enrolment page she may open.
        var token = await TokenFromAsync(halfway, "/Enrol");
        foreach (var (path, handler, fields) in Actions(id))
        {
            using var post = await halfway.PostWithoutTokenAsync(path, [.. fields, token], handler);
            Assert.True(post.StatusCode == HttpStatusCode.Redirect, $"POST {path} {handler}: {(int)post.StatusCode}");
            Assert.NotEqual(ConsoleClient.Url(path), ConsoleClient.Where(post)?.Split('?')[0]);
        }
        await AssertUntouchedAsync(factory, id, onShift: ["alice"]);
    }

    [Fact]
    public async Task A_cross_site_post_to_any_inbox_action_is_refused_and_changes_nothing()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        await factory.AddStaffAsync("bob");
        await alice.GoOnShiftAsync();
        var (_, id) = await factory.TalkAsync(factory.CreateTwilioClient(TexterNumber));
        using var other = ConsoleClient.For(factory);
        var othersToken = await TokenFromAsync(other, "/SignIn");

        foreach (var (path, handler, fields) in Actions(id))
        {
            using var forged = await alice.PostWithoutTokenAsync(path, fields, handler);
            Assert.True(forged.StatusCode == HttpStatusCode.BadRequest, $"POST {path} {handler} without a token: {(int)forged.StatusCode}");
            using var borrowed = await alice.PostWithoutTokenAsync(path, [.. fields, othersToken], handler);
            Assert.True(borrowed.StatusCode == HttpStatusCode.BadRequest, $"POST {path} {handler} with another's token: {(int)borrowed.StatusCode}");
        }
        await AssertUntouchedAsync(factory, id, onShift: ["alice"]);
        Assert.Empty(fake.SentTo(TexterNumber));

        // The same action with the page's own token works: the refusal was the token's.
        using var claim = await alice.PostFormAsync($"/Inbox/{id}", [], handler: "Claim");
        Assert.Equal(HttpStatusCode.Redirect, claim.StatusCode);
        Assert.Equal("alice", (await factory.ConversationAsync(id))!.ClaimedBy);
    }

    [Fact]
    public async Task One_account_holds_at_most_eight_live_inbox_streams_and_a_closed_one_frees_its_place()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        using var bob = await factory.SignedInAsync("bob");

        var streams = new List<HttpResponseMessage>();
        for (var page = 0; page < OpenInboxStreams.MaxPerAccount; page++)
        {
            streams.Add(await alice.GetStreamingAsync(InboxEventStream.Path, ("Accept", AutomaticRequests.EventStream)));
            Assert.Equal(HttpStatusCode.OK, streams[^1].StatusCode);
        }
        using (var refused = await alice.GetStreamingAsync(InboxEventStream.Path, ("Accept", AutomaticRequests.EventStream)))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }
        using (var others = await bob.GetStreamingAsync(InboxEventStream.Path, ("Accept", AutomaticRequests.EventStream)))
        {
            Assert.Equal(HttpStatusCode.OK, others.StatusCode);
        }

        streams[0].Dispose();
        await Eventually.TrueAsync(async () =>
        {
            using var again = await alice.GetStreamingAsync(InboxEventStream.Path, ("Accept", AutomaticRequests.EventStream));
            return again.StatusCode == HttpStatusCode.OK;
        }, "a place freed by the closed stream");
        foreach (var stream in streams) stream.Dispose();
    }

    [Fact]
    public async Task The_event_stream_is_unbuffered_says_ready_then_kinds_and_ids_only_and_a_new_conversation_while_it_is_open()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        await alice.GoOnShiftAsync();
        // The line has answered a text before the stream opens: a stream ends after its minute, and a cold first text on
        // a loaded machine took much of it.
        var texter = factory.CreateTwilioClient(TexterNumber);
        Assert.NotNull(await texter.TextAsync("hi"));

        using var response = await alice.GetStreamingAsync(InboxEventStream.Path, ("Accept", AutomaticRequests.EventStream));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AutomaticRequests.EventStream, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("no", Assert.Single(response.Headers.GetValues("X-Accel-Buffering")));
        Assert.Contains("script-src 'self'", string.Join(" ", response.Headers.GetValues("Content-Security-Policy")));
        Assert.False(response.Content.Headers.Contains("Content-Encoding"));
        Assert.False(response.Headers.Contains("Set-Cookie"));
        using var events = new EventStreamReader(response);
        Assert.Equal("ready", (await events.NextAsync(TimeSpan.FromSeconds(5))).Type);

        // Unbuffered: each event reaches the reader as it happens, while the stream runs on (a minute), with nothing
        // written after it to push it out; held in a buffer, it would come only when the stream ends. The bound is a
        // guard against a hang, well short of that minute, not a speed goal.
        // Each event is published before the line answers the text: the guard then bounds only its way to the reader.
        var guard = TimeSpan.FromSeconds(15);
        var (_, id) = await factory.TalkAsync(texter);
        var opened = await events.NextMatchingAsync(e => e.Kind == "opened", guard);
        Assert.Equal(id, opened.ConversationId);

        var marker = "marker 7f3q my papers";
        await texter.TextAsync(marker);
        var message = await events.NextMatchingAsync(e => e.Kind == "message", guard);
        Assert.Equal(id, message.ConversationId);

        // Nothing but kinds and ids went through: no body, no number, no pseudonym.
        Assert.DoesNotContain("marker", events.Raw);
        Assert.DoesNotContain(TexterNumber[2..], events.Raw);
        Assert.DoesNotContain(factory.PseudonymOf(TexterNumber), events.Raw);
        foreach (Match data in DataLines().Matches(events.Raw))
        {
            if (data.Groups[1].Value == "{}") continue; // "ready"
            Assert.Matches("^\\{\"kind\":\"[a-z]+\",\"id\":(null|\"[^\"]+\")\\}$", data.Groups[1].Value);
        }
    }

    // The soak pass: a SIGTERM to a line with the inbox open in a browser took 35 s to stop. The server waits for every
    // request to end, and the stream ran on to its minute (or the host's 30-second shutdown timeout), while no text
    // was answered: Kestrel had stopped taking requests at once.
    [Fact]
    public async Task The_event_stream_ends_at_once_when_the_line_is_stopping()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        using var response = await alice.GetStreamingAsync(InboxEventStream.Path, ("Accept", AutomaticRequests.EventStream));
        using var events = new EventStreamReader(response);
        Assert.Equal("ready", (await events.NextAsync(TimeSpan.FromSeconds(5))).Type);

        factory.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        await Assert.ThrowsAsync<EndOfStreamException>(() => events.NextAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task An_open_inbox_does_not_keep_an_idle_session_alive_and_then_gets_401_not_a_sign_in_page()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/Inbox")).StatusCode);

        // The page's script refreshes the list now and then; nobody clicks. Past half the idle time, a click would
        // renew the session: these do not.
        foreach (var minutes in new[] { 11, 22, 33 })
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(11));
            using var refresh = await alice.GetStreamingAsync("/Inbox?handler=List", (AutomaticRequests.Header, "1"));
            if (minutes < 30)
            {
                Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
                Assert.DoesNotContain(alice.LastSetCookies, cookie => cookie.StartsWith("wtl-console=", StringComparison.Ordinal));
            }
            else
            {
                Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
            }
        }
        await AssertNoStreamAsync(alice, HttpStatusCode.Unauthorized);
        using var page = await alice.GetAsync("/Inbox");
        Assert.StartsWith(ConsoleClient.Url("/SignIn"), ConsoleClient.Where(page));
    }

    private static async Task AssertNoStreamAsync(ConsoleClient client, HttpStatusCode expected)
    {
        using var stream = await client.GetStreamingAsync(InboxEventStream.Path, ("Accept", AutomaticRequests.EventStream));
        Assert.Equal(expected, stream.StatusCode);
        Assert.NotEqual(AutomaticRequests.EventStream, stream.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await stream.Content.ReadAsStringAsync());
        // Without the stream's Accept header (an ordinary visit), the sign-in page or a refusal: still no stream.
        using var visit = await client.GetStreamingAsync(InboxEventStream.Path);
        Assert.NotEqual(HttpStatusCode.OK, visit.StatusCode);
        Assert.NotEqual(AutomaticRequests.EventStream, visit.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Nothing an attacker tried took effect: not claimed, not answered, not closed or deleted, the shift as it was.</summary>
    private static async Task AssertUntouchedAsync(TextLineFactory factory, string id, string[] onShift)
    {
        var conversation = await factory.ConversationAsync(id);
        Assert.NotNull(conversation);
        Assert.Equal(InboxConversationState.Open, conversation.State);
        Assert.Null(conversation.ClaimedBy);
        Assert.DoesNotContain(await factory.MessagesAsync(id), message => message.From == InboxMessageFrom.Staff);
        Assert.Equal(onShift, await factory.Services.GetRequiredService<IShifts>().OnShiftAsync());
    }

    private static async Task<KeyValuePair<string, string>> TokenFromAsync(ConsoleClient client, string path)
    {
        var page = await client.GetPageAsync(path);
        var match = TokenPattern().Match(page);
        Assert.True(match.Success, $"{path} has no form");
        return new("__RequestVerificationToken", WebUtility.HtmlDecode(match.Groups[1].Value));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("^data: (.*)$", RegexOptions.Multiline)]
    private static partial Regex DataLines();
}

public sealed class InboxMarkupTests
{
    private const string Markup = "\"><img src=x onerror=alert(1)><script>alert(2)</script><a href=\"javascript:alert(3)\">x</a>";

    /// <summary>A texter's words are text on every page that shows them: markup she sends is shown, never run.</summary>
    [Fact]
    public async Task Markup_a_texter_sends_is_shown_as_text_in_the_inbox_and_its_live_updates()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        await alice.GoOnShiftAsync();
        var texter = factory.CreateTwilioClient("+16305550189");
        var (_, id) = await factory.TalkAsync(texter);
        await texter.TextAsync(Markup);

        foreach (var path in new[] { "/Inbox", "/Inbox?handler=List", $"/Inbox/{id}", $"/Inbox/{id}?handler=Live" })
        {
            var page = await alice.GetPageAsync(path);
            Assert.DoesNotContain("<img src=x", page, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<script>alert", page, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("href=\"javascript:", page, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains(WebUtility.HtmlEncode("<script>alert(2)</script>"), await alice.GetPageAsync($"/Inbox/{id}"));
    }
}
