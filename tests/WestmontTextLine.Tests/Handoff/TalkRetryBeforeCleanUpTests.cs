using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Handoff;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Handoff;

/// <summary>
/// Twilio's retry of her TALK (the same MessageSid) comes within seconds, often before the background clean-up of an
/// opening that failed has noted her ask as failed (<see cref="HandoffTexter.FailedAsks"/>). Her session still holds the
/// "connected" reply kept for that TALK and no chat holds it, which read as a chat staff deleted: the retry opened a new
/// chat and told her she was connected, seconds after she was told the line had trouble. It gets the fallback again, as
/// a retry after the clean-up does.
/// </summary>
public sealed class TalkRetryBeforeCleanUpTests
{
    private const string Texter = "+16305558391";
    private const string TalkSid = "SM00000000000000000000000000008391";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("redis")]
    public async Task A_retry_of_a_TALK_whose_opening_failed_gets_the_fallback_before_the_clean_up_ran(string storage)
    {
        using var redis = storage == "redis" ? RedisServer.Start() : null;
        RecordWriteFailsOnce records = null!;
        var failing = RecordWriteFailsOnce.Register(made => records = made);
        await using var line = await HandoffLine.StartAsync(redis is null
            ? new TextLineFactory { TestServices = failing }
            : new RedisTextLineFactory(redis.ConnectionString) { TestServices = failing });
        var phone = line.Phone(Texter);
        await phone.TextAsync("hi");

        // The opening's first write fails; the clean-up's first look at that conversation waits.
        records.Arm(HandoffStore.ConversationKind, holdReadsOfFailed: true);
        FallbackReply.AssertIsFallback(await phone.TextAsync("TALK", TalkSid));
        var retry = await phone.TextAsync("TALK", TalkSid);

        Assert.NotEqual(HandoffLine.English.HandoffOpen, retry);
        FallbackReply.AssertIsFallback(retry);
        Assert.Empty(await line.Inbox.ListOpenAsync());

        // Once the clean-up ran, her record says so, and a retry still gets the fallback.
        records.ReleaseHeldReads();
        var conversations = line.Factory.Services.GetRequiredService<HandoffConversations>();
        await Eventually.TrueAsync(async () =>
            (await conversations.TexterAsync(line.Factory.SenderKeyOf(Texter), CancellationToken.None))?.FailedAsks.Any(f => f.Sid == TalkSid) == true,
            "the ask noted as failed");
        FallbackReply.AssertIsFallback(await phone.TextAsync("TALK", TalkSid));
        Assert.Empty(await line.Inbox.ListOpenAsync());
    }
}
