using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Handoff;
using WestmontTextLine.Senders;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Handoff;

/// <summary>TALK used against the line: one number opening and leaving chats with staff over and over.</summary>
public sealed class TalkSpamTests
{
    private const string Texter = "+16305558501";

    [Fact]
    public async Task Talk_and_menu_over_and_over_keeps_only_her_newest_closed_chats()
    {
        await using var line = await HandoffLine.StartAsync();
        var phone = line.Phone(Texter);
        await phone.TextAsync("hi");
        var ids = new List<string>();
        for (var i = 0; i < HandoffConversations.MaxKeptPerTexter + 5; i++)
        {
            Assert.Equal(HandoffLine.English.HandoffOpen, await phone.TextAsync("TALK"));
            ids.Add((await line.OnlyOpenAsync()).Id);
            await phone.TextAsync("MENU");
            line.Factory.Clock.Advance(TimeSpan.FromSeconds(10));
        }

        var conversations = line.Factory.Services.GetRequiredService<HandoffConversations>();
        var key = line.Factory.Services.GetRequiredService<SenderKeys>().KeyOf(Texter);
        var texter = await conversations.TexterAsync(key, CancellationToken.None);
        Assert.Equal(ids[^HandoffConversations.MaxKeptPerTexter..], texter!.Kept.Select(k => k.Id));
        foreach (var id in ids[..5]) Assert.Null(await conversations.LoadAsync(id, CancellationToken.None));
        foreach (var id in ids[5..]) Assert.NotNull(await conversations.LoadAsync(id, CancellationToken.None));

        // Her chats still work as before.
        Assert.Equal(HandoffLine.English.HandoffOpen, await phone.TextAsync("TALK"));
        Assert.Single(await line.Inbox.ListOpenAsync());
    }
}
