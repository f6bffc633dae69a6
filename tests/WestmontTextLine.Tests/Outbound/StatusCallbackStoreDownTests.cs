using System.Net;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Outbound;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Outbound;

/// <summary>
/// A status callback that comes while the store does not answer (Redis stopped here) is answered 503, not thrown to the
/// server, and its final status still gets the reply deleted at the provider once the store answers: the reply's words
/// and her number do not stay at Twilio because Redis was down when its callback came.
/// </summary>
public sealed class StatusCallbackStoreDownTests
{
    private static readonly TimeSpan DeleteAfter = TimeSpan.FromMinutes(2);

    // "sent": some carriers never confirm, so no final status may follow, and the reply was then never deleted.
    [Theory]
    [InlineData("delivered")]
    [InlineData("sent")]
    public async Task A_callback_while_redis_is_down_gets_503_and_the_reply_is_still_deleted(string status)
    {
        using var redis = RedisServer.Start(appendOnly: true);
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new RedisTextLineFactory(redis.ConnectionString).WithProvider(fake);
        var twilio = factory.CreateTwilioClient(TestNumbers.Next());
        var response = await twilio.PostAsync(twilio.Fields("hi", twilio.NextSid()));
        var message = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element("Message")!;
        var reply = fake.AddMessage(ProviderTextLine.LineNumber, twilio.From, message.Value, status, "outbound-reply");

        // A paused Redis would still run the queued write once it resumes: a stopped one runs nothing. The reply's
        // deletion, queued as it was answered, must be in the append-only file before the kill (Redis holds the file's
        // writes back while a slow fsync runs).
        await Eventually.TrueAsync(redis.HasWrittenItsAppendOnlyFile, "every answered write in the append-only file");
        redis.Kill();
        var answer = await ProviderTextLine.ReportAsync(twilio, message.Attribute("action")!.Value, reply.Sid, status);
        redis.Restart();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.Contains(factory.Logs.Lines, line => line.Contains("Status callback", StringComparison.Ordinal) && line.Contains("not recorded", StringComparison.Ordinal));

        await Eventually.TrueAsync(async () => (await factory.CreateClient().GetAsync("/healthz")).IsSuccessStatusCode, "Redis answers again",
            TimeSpan.FromSeconds(15));
        var worker = factory.Services.GetRequiredService<ProviderDeletionWorker>();
        await worker.RunPassAsync(CancellationToken.None);
        factory.Clock.Advance(DeleteAfter + TimeSpan.FromSeconds(5));
        if (status == "sent")
        {
            // Twilio refuses to delete it while it waits for the carrier (20009): it is tried again, and deleted once final.
            await Eventually.AfterPassesAsync(() => worker.RunPassAsync(CancellationToken.None),
                () => fake.Requests.Any(r => r.MessageSid == reply.Sid && r.ErrorCode == 20009), "the reply's deletion tried while it is in flight");
            fake.SetStatus(reply.Sid, "delivered");
        }
        await Eventually.AfterPassesAsync(async () =>
        {
            await worker.RunPassAsync(CancellationToken.None);
            factory.Clock.Advance(TimeSpan.FromMinutes(1));
        }, () => fake.DeletedSids.Contains(reply.Sid), "the reply whose callback came while Redis was down deleted");
    }
}
