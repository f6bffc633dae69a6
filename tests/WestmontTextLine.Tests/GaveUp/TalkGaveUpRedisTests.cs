using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Handoff;
using WestmontTextLine.Senders;
using WestmontTextLine.Tests.Handoff;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.GaveUp;

/// <summary>
/// A TALK whose opening of the conversation hung as Redis froze (SIGSTOP) for 3 seconds: she got the fallback. What
/// Redis runs when it resumes must not leave her in a chat she was never told of (her texts would go to it with no reply,
/// and, when the listing was what hung, to a conversation staff cannot see).
/// </summary>
public sealed class TalkGaveUpRedisTests : HandoffGaveUpRedisTests
{
    private const string Texter = "+16305558301";

    [Theory]
    [InlineData(HandoffStore.ConversationKind)]
    [InlineData(HandoffStore.TexterKind)]
    [InlineData(HandoffStore.IndexKind)]
    public async Task Her_next_text_after_a_TALK_that_got_the_fallback_is_answered(string pausedAt)
    {
        var phone = Line.Phone(Texter);
        await phone.TextAsync("hi");

        Pause.Arm(recordKind: pausedAt);
        FallbackReply.AssertIsFallback(await phone.TextAsync("TALK"));
        await Pause.ResumedAsync();

        // The opening is withdrawn once Redis answers: nothing lists it, and she is in no chat.
        var conversations = Line.Factory.Services.GetRequiredService<HandoffConversations>();
        var texterKey = Line.Factory.Services.GetRequiredService<SenderKeys>().KeyOf(Texter);
        await Eventually.TrueAsync(async () =>
            (await conversations.TexterAsync(texterKey, CancellationToken.None))?.OpenId is null && (await Line.Inbox.ListOpenAsync()).Count == 0,
            "the conversation withdrawn", TimeSpan.FromSeconds(20));

        // Her next text is answered by the line, not taken silently into a chat.
        Assert.NotNull(await phone.TextAsync("hello"));
    }
}
