using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Console.Inbox;
using WestmontTextLine.Handoff;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console.Inbox;

/// <summary>
/// The last one on shift pressing "Go off shift" with conversations open is asked first: those texters were told
/// someone will text back, and once she is off no one watches the inbox. Before, one press took her off with no word.
/// </summary>
public sealed class LastOnShiftTests
{
    private static KeyValuePair<string, string>[] GoOff(bool anyway = false) =>
        [new("On", "false"), new("ReturnUrl", ConsoleClient.Url("/Inbox")), .. anyway ? [new KeyValuePair<string, string>("LeaveAnyway", "true")] : Array.Empty<KeyValuePair<string, string>>()];

    private static Task<IReadOnlyList<string>> OnShiftAsync(TextLineFactory factory) =>
        factory.Services.GetRequiredService<IShifts>().OnShiftAsync();

    [Fact]
    public async Task The_last_one_on_shift_with_open_conversations_is_asked_first_and_stays_on_until_she_says_so()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        await alice.GoOnShiftAsync();
        var (_, waiting) = await factory.TalkAsync(factory.CreateTwilioClient("+16305550191"));
        var (_, urgent) = await factory.TalkAsync(factory.CreateTwilioClient("+16305550192"));
        await factory.CreateTwilioClient("+16305550192").TextAsync("DANGER");
        using (await alice.PostFormAsync($"/Inbox/{urgent}", [], handler: "Claim")) { }

        var inbox = WebUtility.HtmlDecode(await alice.GetPageAsync("/Inbox"));
        Assert.Contains("You are the only one on shift, and 2 conversations are open (2 waiting for an answer, 1 urgent, 1 of them yours).", inbox);

        using var asked = await alice.PostFormAsync("/Shift", GoOff());

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var page = WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync());
        Assert.Contains("You are the last one on shift", page);
        Assert.Contains("2 conversations are open (2 waiting for an answer, 1 urgent, 1 of them yours).", page);
        Assert.Contains("closes by itself after 30 minutes", page);
        Assert.Contains("id=\"leave-anyway\"", page);
        Assert.Equal(["alice"], await OnShiftAsync(factory));

        using var left = await alice.PostFormAsync("/Shift", GoOff(anyway: true));
        Assert.Equal(HttpStatusCode.Redirect, left.StatusCode);
        Assert.Equal(ConsoleClient.Url("/Inbox"), ConsoleClient.Where(left));
        Assert.Empty(await OnShiftAsync(factory));
        Assert.NotNull(await factory.ConversationAsync(waiting));
    }

    [Fact]
    public async Task With_a_colleague_on_shift_or_no_conversation_open_one_press_takes_her_off()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        using var bob = await factory.SignedInAsync("bob");

        await alice.GoOnShiftAsync();
        await alice.GoOnShiftAsync(on: false);
        Assert.Empty(await OnShiftAsync(factory));

        await alice.GoOnShiftAsync();
        await bob.GoOnShiftAsync();
        await factory.TalkAsync(factory.CreateTwilioClient("+16305550193"));
        Assert.DoesNotContain("id=\"last-on-shift\"", await alice.GetPageAsync("/Inbox"));
        await alice.GoOnShiftAsync(on: false);
        Assert.Equal(["bob"], await OnShiftAsync(factory));
        Assert.Contains("id=\"last-on-shift\"", await bob.GetPageAsync("/"));

        using var bobAsked = await bob.PostFormAsync("/Shift", GoOff());
        Assert.Equal(HttpStatusCode.OK, bobAsked.StatusCode);
        Assert.Contains("1 conversation is open (1 waiting for an answer)", WebUtility.HtmlDecode(await bobAsked.Content.ReadAsStringAsync()));
    }

    // The inbox page of the last one on shift read the open conversations twice: once for its list, once for the
    // shift panel's warning. One read now serves both, so the two always agree.
    [Fact]
    public async Task The_inbox_page_of_the_last_one_on_shift_reads_the_open_conversations_once()
    {
        CountingInbox? counting = null;
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory
        {
            TestServices = services => services.AddSingleton<IHandoffInbox>(provider =>
                counting = new CountingInbox(ActivatorUtilities.CreateInstance<HandoffInbox>(provider))),
        }.Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        await alice.GoOnShiftAsync();
        await factory.TalkAsync(factory.CreateTwilioClient("+16305550194"));

        var before = counting!.ListOpenCalls;
        var inbox = WebUtility.HtmlDecode(await alice.GetPageAsync("/Inbox"));

        Assert.Contains("You are the only one on shift, and 1 conversation is open", inbox);
        Assert.Equal(1, counting.ListOpenCalls - before);
    }

    private sealed class CountingInbox(IHandoffInbox inner) : IHandoffInbox
    {
        private int _listOpenCalls;
        public int ListOpenCalls => Volatile.Read(ref _listOpenCalls);

        public Task<IReadOnlyList<InboxConversation>> ListOpenAsync(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _listOpenCalls);
            return inner.ListOpenAsync(cancellationToken);
        }

        public Task<InboxConversation?> FindAsync(string conversationId, CancellationToken cancellationToken = default) => inner.FindAsync(conversationId, cancellationToken);
        public Task<IReadOnlyList<InboxMessage>> MessagesAsync(string conversationId, CancellationToken cancellationToken = default) => inner.MessagesAsync(conversationId, cancellationToken);
        public Task<InboxOutcome> ClaimAsync(string conversationId, string staffName, CancellationToken cancellationToken = default) => inner.ClaimAsync(conversationId, staffName, cancellationToken);
        public Task<InboxOutcome> TransferAsync(string conversationId, string staffName, string toStaffName, CancellationToken cancellationToken = default) =>
            inner.TransferAsync(conversationId, staffName, toStaffName, cancellationToken);
        public Task<InboxOutcome> ReplyAsync(string conversationId, string staffName, string body, string? replyId, CancellationToken cancellationToken = default) =>
            inner.ReplyAsync(conversationId, staffName, body, replyId, cancellationToken);
        public Task<InboxOutcome> RetryAsync(string conversationId, long messageNumber, string staffName, CancellationToken cancellationToken = default) =>
            inner.RetryAsync(conversationId, messageNumber, staffName, cancellationToken);
        public Task<InboxOutcome> CloseAsync(string conversationId, string staffName, CancellationToken cancellationToken = default) => inner.CloseAsync(conversationId, staffName, cancellationToken);
        public Task<InboxOutcome> DeleteAsync(string conversationId, string staffName, CancellationToken cancellationToken = default) => inner.DeleteAsync(conversationId, staffName, cancellationToken);
    }

    [Theory]
    [InlineData(1, 1, 0, 0, "1 conversation is open (1 waiting for an answer)")]
    [InlineData(1, 0, 0, 1, "1 conversation is open (yours)")]
    [InlineData(3, 0, 0, 3, "3 conversations are open (all of them yours)")]
    [InlineData(2, 0, 0, 0, "2 conversations are open")]
    [InlineData(4, 2, 1, 1, "4 conversations are open (2 waiting for an answer, 1 urgent, 1 of them yours)")]
    public void The_summary_counts_what_is_open(int open, int waiting, int urgent, int hers, string expected) =>
        Assert.Equal(expected, new LeavingAlone(open, waiting, urgent, hers, TimeSpan.FromMinutes(30)).Summary);

    [Fact]
    public void Only_the_last_one_on_shift_is_leaving_anyone_alone()
    {
        Assert.True(LeavingAlone.IsLastOnShift("Alice", ["alice"]));
        Assert.False(LeavingAlone.IsLastOnShift("alice", ["alice", "bob"]));
        Assert.False(LeavingAlone.IsLastOnShift("alice", ["bob"]));
        Assert.False(LeavingAlone.IsLastOnShift("alice", []));
    }
}
