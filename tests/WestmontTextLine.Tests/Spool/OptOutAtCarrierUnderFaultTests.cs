using System.Net;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Spool;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Spool;

/// <summary>
/// A status callback saying 21610 (she replied STOP at the carrier) that comes while the SQLite file is locked: Twilio
/// sends no callback again after the 503, so the opt-out is kept on disk and written once the store answers.
/// </summary>
public sealed class OptOutAtCarrierUnderFaultTests
{
    [Fact]
    public async Task A_21610_status_callback_while_the_file_is_locked_opts_her_out_once_the_store_answers()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory { BackgroundWorkers = false }.WithProvider(fake);
        var texter = factory.CreateTwilioClient(TestNumbers.Next());
        var response = await texter.PostAsync(texter.Fields("hi", texter.NextSid()));
        var reply = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element("Message")!;
        var sent = fake.AddMessage(ProviderTextLine.LineNumber, texter.From, reply.Value, "failed", "outbound-reply");

        await using (await SqliteFileLocked.TakeAsync(factory.DatabasePath))
        {
            var callback = await ProviderTextLine.ReportAsync(texter, reply.Attribute("action")!.Value, sent.Sid, "failed", errorCode: 21610);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, callback.StatusCode);
        }
        Assert.True(factory.Services.GetRequiredService<OptOutSpool>().Holds(factory.SenderKeyOf(texter.From)));

        Assert.Null(await texter.TextAsync("1")); // silence, as after her own STOP
        Assert.Equal(0, factory.Services.GetRequiredService<OptOutSpool>().Count);
        Assert.Contains(EngineHarness.Flow.Language("en").Messages.StartConfirm, await texter.TextAsync("START"));
    }
}
