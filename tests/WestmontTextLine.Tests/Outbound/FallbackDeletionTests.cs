using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Outbound;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Outbound;

/// <summary>
/// A text answered with the safety fallback while Redis did not answer is deleted at the provider like any other, once
/// Redis answers again. Found with two real instances and Redis paused for 60 seconds: none of the texts answered
/// meanwhile was ever deleted, so each stayed at Twilio with her number and her words.
/// </summary>
public sealed class FallbackDeletionTests
{
    private static readonly TimeSpan DeleteAfter = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_text_answered_with_the_fallback_while_redis_was_paused_is_deleted_once_it_answers()
    {
        using var redis = RedisServer.Start();
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new RedisTextLineFactory(redis.ConnectionString).WithProvider(fake);
        var twilio = factory.CreateTwilioClient(TestNumbers.Next());
        Assert.False(FallbackReply.IsFallback(await twilio.TextAsync("hi")));

        var sid = twilio.NextSid();
        fake.AddMessage(twilio.From, ProviderTextLine.LineNumber, "someone took my phone", sid: sid);
        redis.Pause();
        string? reply;
        try
        {
            reply = await twilio.TextAsync("someone took my phone", sid);
        }
        finally
        {
            redis.Resume();
        }
        Assert.True(FallbackReply.IsFallback(reply), reply);

        await Eventually.TrueAsync(async () => (await factory.CreateClient().GetAsync("/healthz")).IsSuccessStatusCode, "Redis answers again",
            TimeSpan.FromSeconds(15));
        var worker = factory.Services.GetRequiredService<ProviderDeletionWorker>();
        await worker.RunPassAsync(CancellationToken.None);
        factory.Clock.Advance(DeleteAfter + TimeSpan.FromSeconds(5));
        await Eventually.AfterPassesAsync(() => worker.RunPassAsync(CancellationToken.None), () => fake.DeletedSids.Contains(sid),
            "the text answered with the fallback deleted");
    }
}
