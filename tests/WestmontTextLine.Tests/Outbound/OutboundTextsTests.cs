using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Outbound;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.Outbound;

/// <summary>The outbox: a text accepted is sent once, through the real SDK, survives a restart, and never goes to a number that opted out.</summary>
public sealed class OutboundTextsTests
{
    private const string Body = "Checking in. Reply OK if you are all right.";

    /// <summary>A label the line gives its texts (a status callback counts any other as "other").</summary>
    private const string Label = "checkin_due";

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
        // The worker's first pass runs as the line starts; after it, passes come only as the test moves the clock.
        var worker = factory.Services.GetRequiredService<OutboundTextWorker>();
        await Eventually.TrueAsync(() => worker.Passes >= 1, "the worker's first pass");

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
    public async Task A_text_queued_to_a_number_before_it_texted_FORGET_is_withdrawn_and_other_numbers_texts_still_go()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        var outbound = factory.Services.GetRequiredService<IOutboundTexts>();
        var texter = factory.CreateTwilioClient(TestNumbers.Next());
        var other = TestNumbers.Next();
        await texter.TextAsync("hi");
        var worker = factory.Services.GetRequiredService<OutboundTextWorker>();
        await Eventually.TrueAsync(() => worker.Passes >= 1, "the worker's first pass");

        // Queued for her before she asked the line to forget her (a check-in text or a staff reply waiting out a Twilio
        // outage): sent afterwards, it would tell whoever holds her phone that she had used the line.
        var hers = Guid.NewGuid().ToString("N");
        await outbound.SendAsAsync(hers, texter.From, Body, "checkin");
        await outbound.SendAsAsync(Guid.NewGuid().ToString("N"), other, Body, "checkin");
        await texter.TextAsync("FORGET");
        factory.Clock.Advance(TimeSpan.FromSeconds(1));

        var work = factory.Services.GetRequiredService<IScheduledWork>();
        await Eventually.AfterPassesAsync(() => RunSendPassAsync(factory),
            () => work.GetAsync(WorkKinds.Send, hers).GetAwaiter().GetResult() is null && fake.Messages.Count == 1, "her text withdrawn, the other sent");
        Assert.Equal(other, Assert.Single(fake.Messages).To);
        Assert.Equal(0, await work.CountAsync(WorkKinds.Send));
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
        // Before each try after the first, the line asks whether an earlier one went out (a GET): the 429s fall on either.
        var posts = fake.Requests.Where(r => r.Method == "POST").Select(r => r.Status).ToList();
        Assert.True(posts[^1] == 201 && posts[..^1].All(status => status == 429), string.Join('\n', fake.Requests));
        Assert.Equal(4, fake.RequestCount);
    }

    [Fact]
    public async Task A_send_whose_answer_was_cut_off_is_found_at_the_provider_and_not_sent_again()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        fake.TruncateSendAnswers(1);

        var id = await QueueAsync(factory, "+16305551241");
        await PassesUntilSentOrGivenUpAsync(factory, id);

        var sent = Assert.Single(fake.Messages);
        Assert.True(fake.Count("POST") == 1, string.Join('\n', fake.Requests));
        // The text found is the line's own from then on: deleted at the provider like any other.
        var deletions = factory.Services.GetRequiredService<ProviderDeletions>();
        Assert.Equal(1, await deletions.WaitingAsync());
        Assert.Equal("+16305551241", sent.To);
    }

    [Fact]
    public async Task A_send_answered_with_server_errors_is_sent_once_the_provider_has_no_such_text()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        fake.ServerErrorsOnSends(3);

        var id = await QueueAsync(factory, "+16305551242");
        await PassesUntilSentOrGivenUpAsync(factory, id);

        // Before, two uncertain sends gave the text up: a safety alert caught in a short run of 500s was lost.
        Assert.Single(fake.Messages);
        Assert.True(fake.Count("POST") == 4, string.Join('\n', fake.Requests));
    }

    [Fact]
    public async Task Without_the_providers_list_a_text_after_server_errors_is_sent_at_most_twice()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        fake.ListUnsupported = true;
        fake.ServerErrorsOnSends(5);

        var id = await QueueAsync(factory, "+16305551243");
        await PassesUntilSentOrGivenUpAsync(factory, id);

        Assert.Empty(fake.Messages);
        Assert.True(fake.Count("POST") == 2, string.Join('\n', fake.Requests));
    }

    [Fact]
    public async Task While_the_provider_cannot_say_whether_a_text_went_out_it_is_not_sent_again()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        fake.TruncateSendAnswers(1);
        var id = await QueueAsync(factory, "+16305551244");
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.AfterPassesAsync(() => RunSendPassAsync(factory), () => fake.Count("POST") == 1, "the first send");

        // Refused credentials (not retried inside the call, whose waits follow the test's clock): no answer either way.
        fake.RejectCredentials = true;
        for (var pass = 0; pass < 5; pass++)
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(5));
            await RunSendPassAsync(factory);
        }
        Assert.Equal(1, fake.Count("POST"));
        Assert.NotNull(await factory.Services.GetRequiredService<IScheduledWork>().GetAsync(WorkKinds.Send, id));

        fake.RejectCredentials = false;
        await PassesUntilSentOrGivenUpAsync(factory, id);
        Assert.Single(fake.Messages);
        Assert.Equal(1, fake.Count("POST"));
    }

    [Fact]
    public async Task A_text_a_dead_process_had_sent_but_not_recorded_is_found_at_the_provider_not_sent_again()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        var worker = factory.Services.GetRequiredService<OutboundTextWorker>();
        await Eventually.TrueAsync(() => worker.Passes >= 1, "the worker's first pass");
        var id = await QueueAsync(factory, "+16305551246");
        // Another process claimed it, Twilio accepted it, and the process was killed before it recorded the answer.
        var work = factory.Services.GetRequiredService<IScheduledWork>();
        Assert.Single(await work.ClaimDueAsync(WorkKinds.Send, factory.Clock.GetUtcNow(), 10, OutboundTextWorker.Lease));
        fake.AddMessage(ProviderTextLine.LineNumber, "+16305551246", Body, status: "delivered", direction: "outbound-api");

        factory.Clock.Advance(OutboundTextWorker.Lease);
        await PassesUntilSentOrGivenUpAsync(factory, id);

        Assert.Single(fake.Messages);
        Assert.Equal(0, fake.Count("POST"));
    }

    [Fact]
    public async Task A_status_callback_for_a_text_whose_send_was_uncertain_completes_it_so_it_is_not_sent_again()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        fake.ListUnsupported = true; // a provider that cannot be asked: before, sent a second time
        fake.TruncateSendAnswers(1);
        var id = await QueueAsync(factory, "+16305551247", Label);
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.AfterPassesAsync(() => RunSendPassAsync(factory), () => fake.Count("POST") == 1, "the first send");

        // Twilio's callback for it proves it went out.
        var sent = fake.Messages.Single();
        var twilio = factory.CreateTwilioClient("+16305551247");
        Assert.Equal(HttpStatusCode.NoContent, (await ProviderTextLine.ReportAsync(twilio, sent.StatusCallback!, sent.Sid, "sent")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ProviderTextLine.ReportAsync(twilio, sent.StatusCallback!, sent.Sid, "delivered")).StatusCode);
        await PassesUntilSentOrGivenUpAsync(factory, id);

        Assert.True(fake.Count("POST") == 1, string.Join('\n', fake.Requests));
        var counts = await UsageToday.OfAsync(factory);
        Assert.True(counts.GetValueOrDefault(OutboundMetrics.Sent(Label)) == 1, string.Join(", ", counts));
        Assert.False(counts.ContainsKey(OutboundMetrics.Failed(Label)));
    }

    [Fact]
    public async Task A_text_sent_and_then_reported_by_its_callback_is_counted_once()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        var id = await QueueAsync(factory, "+16305551248", Label);
        await PassesUntilSentOrGivenUpAsync(factory, id);

        var sent = fake.Messages.Single();
        var twilio = factory.CreateTwilioClient("+16305551248");
        Assert.Equal(HttpStatusCode.NoContent, (await ProviderTextLine.ReportAsync(twilio, sent.StatusCallback!, sent.Sid, "delivered")).StatusCode);

        var counts = await UsageToday.OfAsync(factory);
        Assert.True(counts.GetValueOrDefault(OutboundMetrics.Sent(Label)) == 1, string.Join(", ", counts));
        Assert.Equal(1, counts.GetValueOrDefault($"delivery:delivered:{Label}"));
    }

    [Fact]
    public async Task An_earlier_text_with_the_same_words_is_not_taken_for_this_one()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        fake.Clock = factory.Clock;
        await PassesUntilSentOrGivenUpAsync(factory, await QueueAsync(factory, "+16305551245"));
        factory.Clock.Advance(TimeSpan.FromMinutes(1)); // the shortest check-in: the same words a minute later

        fake.ServerErrorsOnSends(1);
        await PassesUntilSentOrGivenUpAsync(factory, await QueueAsync(factory, "+16305551245"));

        Assert.Equal(2, fake.Messages.Count);
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

    private static async Task<string> QueueAsync(TextLineFactory factory, string to, string label = "checkin")
    {
        var id = Guid.NewGuid().ToString("N");
        await factory.Services.GetRequiredService<IOutboundTexts>().SendAsAsync(id, to, Body, label);
        return id;
    }

    /// <summary>Passes a minute apart until the text has left the outbox, sent or given up.</summary>
    private static Task PassesUntilSentOrGivenUpAsync(TextLineFactory factory, string id)
    {
        var work = factory.Services.GetRequiredService<IScheduledWork>();
        return Eventually.AfterPassesAsync(async () =>
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(1));
            await RunSendPassAsync(factory);
        }, () => work.GetAsync(WorkKinds.Send, id).GetAwaiter().GetResult() is null, "the text sent or given up");
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
