using WestmontTextLine.CheckIns;
using WestmontTextLine.Outbound;
using WestmontTextLine.Scheduling;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// A check-in step run again (its lease ran out just after it queued a text) looks its text up at the provider once the
/// text has left the outbox. Under Twilio's Message Redaction the list gives no words: a text of the line's to her since
/// the step fell due is taken as this one, and the step does not queue it a second time.
/// </summary>
public sealed class CheckInStepRedactedTests
{
    private const string Her = "+16305551293";
    private const string Words = "Checking in: reply OK if you are safe.";

    [Fact]
    public async Task A_step_run_again_finds_its_sent_text_whose_words_twilio_redacted_and_does_not_queue_it_again()
    {
        var outbox = new QueuedTexts();
        var messages = new RedactingProvider(new TwilioFindResult([], null) { HiddenSids = ["SM" + new string('a', 32)] });
        var texts = new CheckInStepTexts(outbox, new InMemoryScheduledWork(), messages);

        await texts.SendAsync(new CheckInStep("her-key", DateTimeOffset.UtcNow, RunBefore: true), Her, Words, "checkin_due", default);

        Assert.Empty(outbox.Queued);
        Assert.Equal(1, messages.LookUps);
    }

    [Fact]
    public async Task A_step_run_again_queues_its_text_when_the_provider_has_no_text_of_the_line_to_her()
    {
        var outbox = new QueuedTexts();
        var messages = new RedactingProvider(new TwilioFindResult([], null));
        var texts = new CheckInStepTexts(outbox, new InMemoryScheduledWork(), messages);

        await texts.SendAsync(new CheckInStep("her-key", DateTimeOffset.UtcNow, RunBefore: true), Her, Words, "checkin_due", default);

        Assert.Equal([Her], outbox.Queued);
    }

    private sealed class QueuedTexts : IOutboundTexts
    {
        public List<string> Queued { get; } = [];

        public bool Enabled => true;

        public Task<string> SendAsync(string to, string body, string label, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task SendAsAsync(string id, string to, string body, string label, CancellationToken cancellationToken = default)
        {
            Queued.Add(to);
            return Task.CompletedTask;
        }
    }

    /// <summary>A provider whose list holds the line's texts to her with their words redacted (or none at all).</summary>
    private sealed class RedactingProvider(TwilioFindResult found) : ITwilioMessages
    {
        public int LookUps { get; private set; }

        public Task<TwilioFindResult> FindSentAsync(string to, string body, DateTimeOffset since, CancellationToken cancellationToken)
        {
            LookUps++;
            return Task.FromResult(found);
        }

        public Task<TwilioSendResult> SendAsync(string to, string body, Uri? statusCallback, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<TwilioDeleteResult> DeleteAsync(string messageSid, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<TwilioFetchResult> FetchStatusAsync(string messageSid, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
