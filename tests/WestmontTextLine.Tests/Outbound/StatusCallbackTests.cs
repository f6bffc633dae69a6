using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.Outbound;

/// <summary>Twilio's status callbacks: signed like /sms, counted by answer and error code, never by person.</summary>
public sealed class StatusCallbackTests
{
    [Fact]
    public async Task Each_reply_names_its_callback_on_the_public_base_url_with_the_answer_it_was()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        factory.Settings["Twilio:RequestValidation:BaseUrl"] = "https://line.example.org/base";
        var twilio = factory.CreateTwilioClient(TestNumbers.Next());
        await twilio.PostAsync(twilio.Fields("hi", twilio.NextSid()), signedUrl: "https://line.example.org/base/sms");

        var response = await twilio.PostAsync(twilio.Fields("3", twilio.NextSid()), signedUrl: "https://line.example.org/base/sms");

        Assert.Contains("action=\"https://line.example.org/base/sms/status?n=health\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Final_statuses_are_counted_by_answer_and_error_code_and_nothing_else()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        var twilio = factory.CreateTwilioClient(TestNumbers.Next());
        await ProviderTextLine.TextAndDeliverAsync(twilio, fake, "hi");
        await ProviderTextLine.TextAndDeliverAsync(twilio, fake, "1", "undelivered", errorCode: 30007);
        await ProviderTextLine.TextAndDeliverAsync(twilio, fake, "1", "failed", errorCode: 30003);
        await ProviderTextLine.TextAndDeliverAsync(twilio, fake, "BACK", "sent");
        var firstMenu = EngineHarness.Flow.Default.StartNode.Options[0];
        var firstAnswer = EngineHarness.Flow.Default.Nodes[firstMenu].Options[0];

        var counts = await UsageToday.OfAsync(factory);

        Assert.Equal(1, counts.GetValueOrDefault("delivery:delivered:main"));
        Assert.Equal(1, counts.GetValueOrDefault($"delivery:undelivered:{firstMenu}"));
        Assert.Equal(1, counts.GetValueOrDefault($"delivery-error:30007:{firstMenu}"));
        Assert.Equal(1, counts.GetValueOrDefault($"delivery:failed:{firstAnswer}"));
        Assert.Equal(1, counts.GetValueOrDefault($"delivery-error:30003:{firstAnswer}"));
        Assert.DoesNotContain(counts.Keys, metric => metric.Contains("sent") || metric.Contains(twilio.From[2..]));
    }

    [Fact]
    public async Task A_reply_refused_with_21610_is_counted_as_refused_at_the_carrier_not_as_failed()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        var twilio = factory.CreateTwilioClient(TestNumbers.Next());
        await ProviderTextLine.TextAndDeliverAsync(twilio, fake, "hi", "failed", errorCode: 21610);

        var counts = await UsageToday.OfAsync(factory);

        Assert.Equal(1, counts.GetValueOrDefault("delivery:refused_at_carrier"));
        Assert.Equal(1, counts.GetValueOrDefault("delivery:refused_at_carrier:main"));
        Assert.DoesNotContain(counts.Keys, metric => metric.StartsWith("delivery:failed", StringComparison.Ordinal) || metric.StartsWith("delivery-error:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_label_the_line_did_not_give_is_counted_as_other()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        var twilio = factory.CreateTwilioClient(TestNumbers.Next());

        var response = await ProviderTextLine.ReportAsync(twilio, "http://localhost/sms/status?n=%2B16305550123", "SM00000000000000000000000000000001", "failed", 30008);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var counts = await UsageToday.OfAsync(factory);
        Assert.DoesNotContain(counts.Keys, metric => metric.Contains("6305550123"));
    }

    [Fact]
    public async Task A_callback_twilio_sends_again_is_counted_once_and_another_status_of_the_same_message_counts()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        var twilio = factory.CreateTwilioClient(TestNumbers.Next());
        const string Sid = "SM00000000000000000000000000000002";
        const string Url = "http://localhost/sms/status?n=main";

        Assert.Equal(HttpStatusCode.NoContent, (await ProviderTextLine.ReportAsync(twilio, Url, Sid, "undelivered", 30007)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ProviderTextLine.ReportAsync(twilio, Url, Sid, "undelivered", 30007)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ProviderTextLine.ReportAsync(twilio, Url, Sid, "failed", 30008)).StatusCode);

        var counts = await UsageToday.OfAsync(factory);
        Assert.Equal(1, counts.GetValueOrDefault("delivery:undelivered:main"));
        Assert.Equal(1, counts.GetValueOrDefault("delivery-error:30007:main"));
        Assert.Equal(1, counts.GetValueOrDefault("delivery:failed:main"));
    }

    [Fact]
    public async Task A_forged_or_unsigned_status_callback_gets_403_and_counts_nothing()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        var twilio = factory.CreateTwilioClient(TestNumbers.Next());
        List<KeyValuePair<string, string>> fields = [new("MessageSid", "SM1"), new("MessageStatus", "failed"), new("ErrorCode", "30007")];

        var forged = await twilio.PostAsync(fields, "/sms/status?n=main", signature: "bm90IGEgc2lnbmF0dXJl");
        var signedForAnotherLabel = await twilio.PostAsync(fields, "/sms/status?n=main", signedUrl: "http://localhost/sms/status?n=help");
        var unsigned = await twilio.Http.PostAsync("/sms/status", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, signedForAnotherLabel.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        Assert.Empty(await forged.Content.ReadAsStringAsync());
        Assert.Equal(0, await factory.Services.GetRequiredService<WestmontTextLine.Outbound.ProviderDeletions>().WaitingAsync());
    }

    [Fact]
    public async Task Nothing_of_the_texter_reaches_the_logs_or_the_database_file()
    {
        const string Marker = "zebra marker 7731";
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        var twilio = factory.CreateTwilioClient("+16305557731");
        await ProviderTextLine.TextAndDeliverAsync(twilio, fake, Marker);
        await ProviderTextLine.TextAndDeliverAsync(twilio, fake, "1", "undelivered", 30007);
        factory.Clock.Advance(TimeSpan.FromMinutes(3));
        await Eventually.AfterPassesAsync(
            () => factory.Services.GetRequiredService<WestmontTextLine.Outbound.ProviderDeletionWorker>().RunPassAsync(CancellationToken.None),
            () => fake.DeletedSids.Count == 4, "the messages deleted");

        foreach (var secret in new[] { "6305557731", Marker })
        {
            Assert.DoesNotContain(secret, factory.Logs.All);
            foreach (var suffix in SqliteFiles.Suffixes.Where(s => File.Exists(factory.DatabasePath + s)))
            {
                using var stream = new FileStream(factory.DatabasePath + suffix, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                var bytes = new byte[stream.Length];
                stream.ReadExactly(bytes);
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
            }
        }
    }
}
