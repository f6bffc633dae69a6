using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Conversations;
using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Handoff;

/// <summary>
/// A conversation with staff opens only once her session knows of it. When her TALK could not be saved in time she is
/// told the line has trouble (the fallback, with 911 and the hotline): no conversation may then be waiting in the inbox,
/// where staff would answer a chat she was told had failed, and her later texts (an emergency among them) would not
/// reach it, because her session does not know of it.
/// </summary>
public sealed class TalkSavedFirstTests
{
    private const string Texter = "+16305558911";
    private static readonly TimeSpan RoomyBudget = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_TALK_whose_session_save_runs_past_the_budget_gets_the_fallback_and_opens_no_conversation()
    {
        var store = (SlowSavesStore?)null;
        var factory = new TextLineFactory
        {
            TestServices = services =>
            {
                services.AddSingleton<ISessionStore>(provider =>
                    store = new SlowSavesStore(new SqliteSessionStore(provider.GetRequiredService<SqliteWriter>())));
                // Only the TALK whose save hangs runs on the line's own budget; her other texts, which are not about
                // the budget, on one a loaded machine cannot run past.
                services.AddSingleton(new ConversationBudget(() =>
                    store?.SavesHang == true ? ConversationService.StorageBudget : RoomyBudget));
            },
        };
        await using var line = await HandoffLine.StartAsync(factory);
        var phone = line.Phone(Texter);
        Assert.Contains("1", await phone.TextAsync("hi"));

        store!.SavesHang = true;
        FallbackReply.AssertIsFallback(await phone.TextAsync("TALK"));
        Assert.Empty(await line.Inbox.ListOpenAsync());

        // When storage is back, asking again opens the conversation, and her next words reach it.
        store.SavesHang = false;
        Assert.Contains(HandoffLine.English.HandoffOpen, await phone.TextAsync("TALK"));
        await phone.TextAsync("he took my phone last night");
        var open = await line.OnlyOpenAsync();
        Assert.Contains(await line.Inbox.MessagesAsync(open.Id), m => m.Body == "he took my phone last night");
    }

    [Fact]
    public async Task A_TALK_whose_every_save_loses_its_version_check_gets_the_fallback_and_opens_no_conversation()
    {
        var store = (SlowSavesStore?)null;
        var factory = new TextLineFactory
        {
            TestServices = services => services.AddSingleton<ISessionStore>(provider =>
                store = new SlowSavesStore(new SqliteSessionStore(provider.GetRequiredService<SqliteWriter>()))),
        };
        await using var line = await HandoffLine.StartAsync(factory);
        var phone = line.Phone(Texter);
        await phone.TextAsync("hi");

        store!.SavesConflict = true;
        FallbackReply.AssertIsFallback(await phone.TextAsync("TALK"));
        Assert.Empty(await line.Inbox.ListOpenAsync());
    }

    /// <summary>The real store, whose saves can be made to hang until cancelled or to lose their version check.</summary>
    private sealed class SlowSavesStore(ISessionStore inner) : ISessionStore
    {
        public volatile bool SavesHang;
        public volatile bool SavesConflict;

        public Task<Session?> LoadAsync(string senderKey, CancellationToken cancellationToken = default) => inner.LoadAsync(senderKey, cancellationToken);

        public async Task<bool> SaveAsync(string senderKey, Session session, DateTimeOffset? notAfter = null, CancellationToken cancellationToken = default)
        {
            if (SavesHang) await Task.Delay(Timeout.Infinite, cancellationToken);
            if (SavesConflict) return false;
            return await inner.SaveAsync(senderKey, session, notAfter, cancellationToken);
        }

        public Task DeleteAsync(string senderKey, CancellationToken cancellationToken = default) => inner.DeleteAsync(senderKey, cancellationToken);

        public Task<int> PurgeIdleAsync(DateTimeOffset idleBefore, CancellationToken cancellationToken = default) =>
            inner.PurgeIdleAsync(idleBefore, cancellationToken);

        public Task PingAsync(CancellationToken cancellationToken = default) => inner.PingAsync(cancellationToken);
    }
}
