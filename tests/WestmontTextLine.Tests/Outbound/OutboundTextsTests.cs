using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Outbound;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Outbound;

/// <summary>The outbox: a text accepted is sent once, through the real SDK, survives a restart, and never goes to a number that opted out.</summary>
public sealed class OutboundTextsTests
{
    private const string Body = "Checking in. Reply OK if you are all right.";

    [Fact]
    public async Task A_text_is_sent_once_from_the_line_with_its_status_callback_and_queued_for_deletion()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        var outbound = factory.Services.GetRequiredService<IOutboundTexts>();

        await outbound.SendAsync("+16305551234", Body, "checkin");
        factory.Clock.Advance(TimeSpan.FromSeconds(1));

        await Eventually.AfterPassesAsync(() => RunSendPassAsync(factory), () => fake.Messages.Count == 1, "the text sent");
        var sent = fake.Messages.Single();
        Assert.Equal(("+16305551234", ProviderTextLine.LineNumber, Body), (sent.To, sent.From, sent.Body));
        // The callback names the outbox id too, so the text's final status reaches the feature that queued it.
        Assert.Matches("^http://localhost/sms/status\\?n=checkin&o=[0-9a-f]{32}$", sent.StatusCallback);
        await RunSendPassAsync(factory);
        Assert.True(fake.Count("POST") == 1, string.Join('\n', fake.Requests));
        var deletions = factory.Services.GetRequiredService<ProviderDeletions>();
        await Eventually.TrueAsync(() => deletions.WaitingAsync().GetAwaiter().GetResult() == 1, "the sent text queued for deletion");
    }

    [Fact]
    public async Task A_text_accepted_before_a_restart_is_sent_by_the_next_process_and_its_number_is_encrypted_meanwhile()
    {
        var database = Path.Combine(Path.GetTempPath(), $"textline-outbox-{Guid.NewGuid():N}.db");
        await using var fake = await ProviderTextLine.StartFakeAsync();
        try
        {
            await using (var first = new TextLineFactory { DatabasePath = database, KeepDatabase = true }.WithProvider(fake))
            {
                await first.Services.GetRequiredService<IOutboundTexts>().SendAsync("+16305551235", Body, "checkin");
            }
            Assert.Equal(0, fake.Count("POST"));
            foreach (var secret in new[] { "6305551235", "Checking in" }) Assert.False(FileContains(database, secret), $"'{secret}' is in the database");

            await using var second = new TextLineFactory { DatabasePath = database }.WithProvider(fake);
            second.CreateClient();
            second.Clock.Advance(TimeSpan.FromSeconds(1));

            await Eventually.AfterPassesAsync(() => RunSendPassAsync(second), () => fake.Messages.Count == 1, "the text sent after the restart");
            Assert.Equal("+16305551235", fake.Messages.Single().To);
        }
        finally
        {
            SqliteFiles.Delete(database);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_number_that_opted_out_is_never_texted_even_when_the_text_was_queued_before_her_STOP(bool queuedBeforeStop)
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        var outbound = factory.Services.GetRequiredService<IOutboundTexts>();
        var texter = factory.CreateTwilioClient(TestNumbers.Next());
        await texter.TextAsync("hi");
        var id = Guid.NewGuid().ToString("N");

        if (queuedBeforeStop) await outbound.SendAsAsync(id, texter.From, Body, "checkin");
        await texter.TextAsync("STOP");
        if (!queuedBeforeStop) await outbound.SendAsAsync(id, texter.From, Body, "checkin");
        factory.Clock.Advance(TimeSpan.FromSeconds(1));

        // Done with the item (not merely one pass run): a pass may find it already claimed by the worker's own tick.
        var work = factory.Services.GetRequiredService<IScheduledWork>();
        await Eventually.AfterPassesAsync(() => RunSendPassAsync(factory),
            () => work.GetAsync(WorkKinds.Send, id).GetAwaiter().GetResult() is null, "the held-back text dropped from the outbox");
        Assert.True(fake.Count("POST") == 0, string.Join('\n', fake.Requests));
    }

    [Fact]
    public async Task Throttling_and_server_errors_are_tried_again_without_a_duplicate()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        fake.TooManyRequests(2, TimeSpan.FromSeconds(20));

        await factory.Services.GetRequiredService<IOutboundTexts>().SendAsync("+16305551236", Body, "checkin");
        await Eventually.AfterPassesAsync(async () =>
        {
            factory.Clock.Advance(TimeSpan.FromSeconds(30));
            await RunSendPassAsync(factory);
        }, () => fake.Messages.Count == 1, "the text sent once Twilio accepts");

        Assert.Single(fake.Messages);
        Assert.True(fake.Count("POST") == 3, string.Join('\n', fake.Requests));
    }

    [Theory]
    [InlineData("Checking in. Are you OK? 🙂")]
    [InlineData("Te escribo para saber cómo estás.")]
    public async Task A_body_outside_gsm7_is_refused_before_it_is_queued(string body)
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);

        await Assert.ThrowsAsync<ArgumentException>(() => factory.Services.GetRequiredService<IOutboundTexts>().SendAsync("+16305551237", body, "checkin"));
    }

    [Fact]
    public async Task Without_an_account_outbound_texts_are_off_and_say_why()
    {
        await using var factory = new TextLineFactory();
        var outbound = factory.Services.GetRequiredService<IOutboundTexts>();

        Assert.False(outbound.Enabled);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => outbound.SendAsync("+16305551238", Body, "checkin"));
        Assert.Contains("Twilio:AccountSid is not set", refused.Message);
    }

    private static Task RunSendPassAsync(TextLineFactory factory) =>
        factory.Services.GetRequiredService<OutboundTextWorker>().RunPassAsync(CancellationToken.None);

    private static bool FileContains(string database, string text) =>
        SqliteFiles.Suffixes.Select(s => database + s).Where(File.Exists).Any(file =>
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
        });
}
