using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Handoff;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Senders;
using WestmontTextLine.Tests.Handoff;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.GaveUp;

/// <summary>
/// A first CHECK sent in her open chat with staff: its timer is queued, then her text is written to the chat, and Redis
/// froze (SIGSTOP, 3 seconds) at that write. She got the fallback ("text again"), so no check-in may run that she was
/// not told of: its missed check-in would alert her contact.
/// </summary>
public sealed class CheckInChatGaveUpRedisTests
{
    [Fact]
    public async Task A_first_CHECK_in_a_chat_whose_write_to_the_chat_hung_leaves_no_timer_once_redis_resumes()
    {
        using var redis = RedisServer.Start();
        var pause = new PauseRedisOnce(redis);
        await using var line = await HandoffLine.StartAsync(new RedisTextLineFactory(redis.ConnectionString) { TestServices = pause.Install });
        try
        {
            var number = TestNumbers.Next();
            var phone = line.Phone(number);
            await phone.TextAsync("hi");
            await phone.TextAsync("TALK");
            await line.OnlyOpenAsync();

            pause.Arm(recordKind: HandoffStore.ConversationKind);
            FallbackReply.AssertIsFallback(await phone.TextAsync("CHECK 20"));
            await pause.ResumedAsync();

            await AssertNoTimerLeftAsync(line, number);
        }
        finally
        {
            await pause.ResumedAsync();
        }
    }

    /// <summary>Her plan without the timer, and nothing queued: what is undone is undone in the background.</summary>
    private static async Task AssertNoTimerLeftAsync(HandoffLine line, string number)
    {
        var plans = line.Factory.Services.GetRequiredService<SafetyPlans>();
        var work = line.Factory.Services.GetRequiredService<IScheduledWork>();
        var texterKey = line.Factory.Services.GetRequiredService<SenderKeys>().KeyOf(number);
        await Eventually.TrueAsync(async () => (await plans.PlanAsync(texterKey, CancellationToken.None))?.Timer is null
                && await work.GetAsync(WorkKinds.CheckIn, texterKey) is null,
            "her plan without the timer, and no check-in queued", TimeSpan.FromSeconds(20));
    }
}
