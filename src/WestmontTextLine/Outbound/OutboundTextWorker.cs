using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using WestmontTextLine.Logging;
using WestmontTextLine.Privacy;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Senders;
using WestmontTextLine.Spool;
using WestmontTextLine.Twilio;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Outbound;

/// <summary>
/// Sends the outbox's texts through the provider, every second, each claimed with a lease so one instance sends it.
/// <list type="bullet">
/// <item>To a number that opted out (its session says so, or an opt-out of it kept on disk while the store failed,
/// <see cref="OptOutSpool"/>, written first), or about someone who has (<see cref="IOutboxTextSubjects"/>): never sent,
/// and dropped. To a number that texted FORGET
/// after it was queued: withdrawn (<see cref="ForgottenRecipients"/>) at the pass's start, and again just before each
/// send, so a FORGET sent while the pass waited on the provider stops her text too.</item>
/// <item>Accepted by the provider: done; the message is queued for deletion a day later (its final status brings that
/// forward) and counted under its label.</item>
/// <item>Throttled or refused for now (429, credentials, the line's own sender refused: 21606..., its queue full: 21611, a
/// server error, no answer): the whole outbox is held (<see cref="OutboundPause"/>), one text tried at growing waits,
/// for a day; logged once, as an error, and shown in /healthz.</item>
/// <item>No answer, or a server error, after the request left: Twilio may have sent it. Before any later try (also
/// after a process died holding it) Twilio's list of the newest texts to the number is read: a text of the line's with
/// the same words, created since shortly before it was due, is this one (under Twilio's Message Redaction, which blanks
/// the words, one of the line's texts since then that no other outbox text claimed), and it is sent again only when
/// there is none.
/// A provider without that list gets the old rule: tried once more, so sent at most twice.</item>
/// <item>Refused for good (an invalid number, 21610 opted out at the carrier): given up. A 21610 is recorded as the
/// number's opt-out (<see cref="CarrierOptOuts"/>), so no later text is sent to it.</item>
/// </list>
/// A text given up is counted (stats) and shows in /healthz for a day. The feature that queued a text hears what became
/// of it (<see cref="IOutboundOutcomes"/>): accepted, or given up with Twilio's error code; its status callback carries
/// the outbox id (?o=) for the carrier's final word. Nothing here logs a number or a body.
/// </summary>
public sealed class OutboundTextWorker(
    IScheduledWork work,
    ITwilioMessages messages,
    PersonalDataCipher cipher,
    SenderKeys senderKeys,
    AcceptedTexts accepted,
    SentOnceTexts sentOnce,
    CarrierOptOuts carrierOptOuts,
    ForgottenRecipients forgotten,
    OutboundFailures failures,
    OutboundSenderState sender,
    OutboundPause pause,
    OutcomeListeners outcomes,
    OptOutSpoolWriter spooledOptOuts,
    IEnumerable<IOutboxTextSubjects> textSubjects,
    OptedOutNumbers optedOut,
    UsageRecorder usage,
    IOptions<TwilioApiOptions> options,
    IOptions<TwilioOptions> twilio,
    TimeProvider time,
    ILogger<OutboundTextWorker> logger) : PassWorker(PassInterval, time)
{
    public static readonly TimeSpan PassInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest one instance holds a text (its lease renewed for a call to the provider: <see cref="ForCall"/> at the
    /// default Twilio:Resilience:TotalTimeout).
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The lease a claim takes: short, so that on Redis the texts an instance killed mid-pass had claimed are another's
    /// within it, not 2 minutes late. A text's own call to the provider is begun only under its lease renewed to outlast
    /// the call (<see cref="HeldForCallAsync"/>), so texts of a claim that wait behind slow sends lose nothing by it: one
    /// another instance took meanwhile is that instance's to send, and this one leaves it.
    /// </summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromSeconds(20);

    /// <summary>Beyond the call's own timeout: the store's calls around it, and the provider recording what it took.</summary>
    private static readonly TimeSpan CallMargin = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(1);

    /// <summary>
    /// How many texts are sent at once. Twilio answers 429 (20429) to an account that sends "too many concurrent" REST
    /// requests and publishes no number; 8 sends beside the deletion worker's 16 stay well inside what an account is
    /// given, and at Twilio's 150-500 ms a send that is 16-50 texts a second, where one at a time was 2-6.
    /// </summary>
    public const int SendsAtOnce = 8;

    /// <summary>How many texts a claim takes; the pass claims again while a claim comes back full.</summary>
    public const int PerClaim = 100;

    public int Passes => _passes;
    private int _passes;

    private readonly PassFaults _faults = new(logger, "Outbound pass",
        "the outbox is kept: check-in texts, alerts and staff replies wait until a pass works");

    protected override bool Runs => options.Value.CanSend;

    protected override async Task PassAsync(CancellationToken cancellationToken)
    {
        var failed = false;
        try
        {
            await forgotten.WithdrawAsync(cancellationToken);
            await outcomes.ReportWaitingAsync(cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                // Held (the provider refuses every text alike): nothing is claimed until the next try, which is one text.
                var probing = pause.Until is not null;
                if (probing && Time.GetUtcNow() < pause.Until) return;
                var max = probing ? 1 : PerClaim;
                var due = await work.ClaimDueAsync(WorkKinds.Send, Time.GetUtcNow(), max, ClaimLease, cancellationToken);
                if (due.Count == 0) return;
                await SendClaimedAsync(due, cancellationToken);
                // Held again: wait. Still held but not moved on, the text tried never reached the provider (dropped as
                // opted out, withdrawn, given up): the next is tried now, not a whole wait later.
                if (pause.Until is { } until ? until > Time.GetUtcNow() : !probing && due.Count < max) return;
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            failed = true;
            _faults.Failed(ex);
        }
        finally
        {
            if (!failed && !cancellationToken.IsCancellationRequested) _faults.Succeeded();
            Interlocked.Increment(ref _passes);
        }
    }

    /// <summary>
    /// A claim's texts, <see cref="SendsAtOnce"/> at a time, in the order claimed (the safety texts first, see
    /// <see cref="OutboxPriority"/>), each number's texts one after another so they arrive in the order queued. A
    /// number whose send hangs or is tried again holds up only its own texts.
    /// </summary>
    private async Task SendClaimedAsync(IReadOnlyList<ScheduledItem> due, CancellationToken cancellationToken)
    {
        List<OutboxText> texts = [];
        foreach (var item in due)
        {
            try
            {
                var (to, label, body) = OutboundTexts.Open(cipher, item);
                texts.Add(new OutboxText(item, to, label, body));
            }
            catch (CryptographicException)
            {
                // Written under another key (TextLine:EncryptionKey changed): it can never be read, so never sent.
                await GiveUpAsync(item, "outbound", "its number cannot be decrypted with the current key", cancellationToken);
            }
        }
        var byNumber = texts.GroupBy(text => text.To, StringComparer.Ordinal);
        await Parallel.ForEachAsync(byNumber, new ParallelOptions { MaxDegreeOfParallelism = SendsAtOnce, CancellationToken = cancellationToken },
            async (number, token) =>
            {
                // In the order queued (a text to her that jumped the queue waits for her own earlier ones claimed with it).
                foreach (var text in number.OrderBy(text => OutboxPriority.QueuedAt(text.Item, text.Label))) await SendOrWaitAsync(text, token);
            });
    }

    private async Task SendOrWaitAsync(OutboxText text, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        if (now - OutboxPriority.QueuedAt(text.Item, text.Label) >= GiveUpAfter)
        {
            // Held back a day (the provider refused every text meanwhile): too late to be of use, so never sent.
            await GiveUpAsync(text.Item, text.Label, "not sent within a day", cancellationToken);
            return;
        }
        // The provider refused another text of this claim for every text: this one waits with the outbox, untried.
        if (pause.Until is { } until && until > now)
        {
            await work.RescheduleAsync(WorkKinds.Send, text.Item.Id, OutboxPriority.DueAt(text.Label, until), cancellationToken);
            return;
        }
        await SendAsync(text.Item, text.To, text.Label, text.Body, cancellationToken);
    }

    private sealed record OutboxText(ScheduledItem Item, string To, string Label, string Body);

    private async Task SendAsync(ScheduledItem item, string to, string label, string body, CancellationToken cancellationToken)
    {
        var queuedAt = OutboxPriority.QueuedAt(item, label);
        var recipientKey = senderKeys.KeyOf(to);
        if (await OptedOutAsync(recipientKey, queuedAt, cancellationToken))
        {
            // Twilio's code for a number that opted out, given to a text the line held back for the same reason.
            await DropAsync(item, label, OutboundStatus.Failed, DeliveryMetrics.OptedOutAtCarrierCode, cancellationToken);
            return;
        }
        // About someone else who opted out since it was queued (her contact's alert, or the on-call phone's, held while
        // Twilio refused every text, then her STOP, and perhaps her START): dropped too, as withdrawn, since the number it
        // is to did not opt out (an on-call phone's alert dropped so is no failure of that phone's).
        if (await SubjectOptedOutAsync(item.Id, label, queuedAt, cancellationToken))
        {
            await DropAsync(item, label, OutboundStatus.Withdrawn, errorCode: null, cancellationToken);
            return;
        }
        // A FORGET that came while this pass ran (a send before this one may have waited seconds on the provider) is
        // acted on now, by this instance or another: a text to her still in the outbox is withdrawn, not sent after it.
        await forgotten.WithdrawAsync(cancellationToken);
        if (await work.GetAsync(WorkKinds.Send, item.Id, cancellationToken) is null) return;
        // Queued again after it went out (its sender's write after the queuing was lost): it went out once, and that is all.
        if (await sentOnce.WasSentAsync(item.Id, cancellationToken))
        {
            await work.CompleteAsync(WorkKinds.Send, item.Id, cancellationToken);
            return;
        }

        // Tried before, or claimed by a process that died before it recorded the answer: an earlier attempt may have
        // gone out. The provider is asked first, so that it is sent again only when the provider has no such text.
        var checkedNotSent = false;
        if (item.Attempts > 0 || item.Leased)
        {
            if (!await HeldForCallAsync(item, cancellationToken)) return;
            var (earlierSid, lookupError) = await EarlierSendAsync(to, body, queuedAt, cancellationToken);
            if (lookupError is null) ProviderAnswered(); // the probe of a held outbox may be a look-up
            if (earlierSid is not null)
            {
                await accepted.RecordAsync(item.Id, label, earlierSid, cancellationToken);
                return;
            }
            if (lookupError is { Kind: TwilioErrorKind.RetryLater or TwilioErrorKind.Uncertain or TwilioErrorKind.CredentialsRejected })
            {
                var at = Time.GetUtcNow();
                if (at - queuedAt < GiveUpAfter) await RetryLaterAsync(item, label, at, lookupError, cancellationToken);
                else await GiveUpAsync(item, label, $"whether it went out could not be read: {lookupError}", cancellationToken);
                return;
            }
            checkedNotSent = lookupError is null;
        }

        if (!await HeldForCallAsync(item, cancellationToken)) return;
        var result = await messages.SendAsync(to, body, StatusCallbackFor(label, item.Id), cancellationToken);
        var now = Time.GetUtcNow();
        if (result.Sent)
        {
            sender.Accepted();
            ProviderAnswered();
            await accepted.RecordAsync(item.Id, label, result.Sid!, cancellationToken);
            return;
        }
        var error = result.Error!;
        var retry = error.Kind switch
        {
            TwilioErrorKind.RetryLater or TwilioErrorKind.CredentialsRejected or TwilioErrorKind.SenderRejected => now - queuedAt < GiveUpAfter,
            // Without a look-up the provider answers (a compatible provider may have none), a text is sent at most twice.
            TwilioErrorKind.Uncertain => (item.Attempts == 0 || checkedNotSent) && now - queuedAt < GiveUpAfter,
            _ => false,
        };
        if (error.Kind == TwilioErrorKind.SenderRejected && sender.Refused(error.Code))
            logger.LogError("Outbound text {OutboxId} ({Label}) refused: {Why}", new LoggedOutboxId(item.Id), label, sender.RefusedBecause);
        if (retry)
        {
            await RetryLaterAsync(item, label, now, error, cancellationToken);
            return;
        }
        // The number replied STOP at the carrier: recorded as an opt-out, so nothing more is sent to it.
        if (error.Code == DeliveryMetrics.OptedOutAtCarrierCode) await carrierOptOuts.RecordAsync(to, cancellationToken);
        await GiveUpAsync(item, label, error.ToString(), cancellationToken, error.Code);
    }

    /// <summary>
    /// This instance's claim on the text renewed to outlast a call to the provider begun now, so that no other instance
    /// takes it while the call may still put it at the provider. False when another instance claimed it since (this
    /// claim's lease had ended while it waited its turn) or it is done: then it is left alone.
    /// </summary>
    private Task<bool> HeldForCallAsync(ScheduledItem item, CancellationToken cancellationToken) =>
        work.RenewLeaseAsync(WorkKinds.Send, item.Id, Time.GetUtcNow() + ForCall(options.Value.Resilience), cancellationToken);

    /// <summary>The lease a call to the provider needs: every attempt and wait of it, and the margin.</summary>
    public static TimeSpan ForCall(TwilioApiResilienceOptions resilience) => resilience.TotalTimeout + CallMargin;

    /// <summary>Her opt-out the store refused earlier, kept on disk, is written first (<see cref="OptedOutNumbers.HasOptedOutSinceAsync"/>).</summary>
    private async Task<bool> OptedOutAsync(string numberKey, DateTimeOffset queuedAt, CancellationToken cancellationToken)
    {
        await spooledOptOuts.WriteTheirsAsync(numberKey, cancellationToken);
        return await optedOut.HasOptedOutSinceAsync(numberKey, queuedAt, cancellationToken);
    }

    private async Task<bool> SubjectOptedOutAsync(string outboxId, string label, DateTimeOffset queuedAt, CancellationToken cancellationToken)
    {
        foreach (var subjects in textSubjects)
        {
            if (await subjects.SubjectOfAsync(outboxId, label, cancellationToken) is { } subjectKey
                && await OptedOutAsync(subjectKey, queuedAt, cancellationToken))
                return true;
        }
        return false;
    }

    private async Task DropAsync(ScheduledItem item, string label, OutboundStatus status, int? errorCode, CancellationToken cancellationToken)
    {
        await work.CompleteAsync(WorkKinds.Send, item.Id, cancellationToken);
        usage.Record([OutboundMetrics.Suppressed(label)], Time.GetUtcNow());
        await outcomes.ReportAsync(new OutboundOutcome(item.Id, label, status, errorCode), cancellationToken);
    }

    /// <summary>The provider answered for the account again: a held outbox goes on, and says so once.</summary>
    private void ProviderAnswered()
    {
        if (pause.Release(Time.GetUtcNow()) is { } held)
            logger.LogWarning("Outbound texts go out again: the provider answered after {Held} held", ReadableDuration.Of(held));
    }

    /// <summary>
    /// A failure the provider gives every text alike holds the whole outbox (<see cref="OutboundPause"/>), and this
    /// text waits with it, keeping its place (<see cref="OutboxPriority"/>).
    /// </summary>
    private async Task RetryLaterAsync(ScheduledItem item, string label, DateTimeOffset now, TwilioError error, CancellationToken cancellationToken)
    {
        if (pause.Hold(error, now) && error.Kind != TwilioErrorKind.SenderRejected) // a refused sender is logged as such
            logger.LogError("Outbound texts held: {Why}", pause.Why(now));
        await work.RescheduleAsync(WorkKinds.Send, item.Id, OutboxPriority.DueAt(label, pause.Until ?? now), cancellationToken);
    }

    /// <summary>
    /// This text, if an earlier attempt put it at the provider: a text to the number with the same words, created since
    /// shortly before it was due. The margin allows for the provider's clock running behind the line's, and stays under
    /// the shortest check-in, so the check-in text before it (same words, a minute or more earlier) is not taken for it.
    /// </summary>
    private async Task<(string? Sid, TwilioError? Error)> EarlierSendAsync(string to, string body, DateTimeOffset queuedAt, CancellationToken cancellationToken)
    {
        var found = await messages.FindSentAsync(to, body, queuedAt - ProviderClockSlack, cancellationToken);
        if (found.Error is not null) return (null, found.Error);
        return (found.Sids.FirstOrDefault() ?? await UnclaimedRedactedAsync(found.HiddenSids, cancellationToken), null);
    }

    /// <summary>
    /// Under Twilio's Message Redaction the words of the line's texts are gone from the list, so none matches. A text of
    /// the line's to the number since then that no other outbox text has claimed (an accepted text's SID waits in the
    /// deletion queue until the provider has deleted it, and then it is gone from the list) is taken as this one, the
    /// earliest first: sending again would text her a second time on the strength of words Twilio hid.
    /// </summary>
    private async Task<string?> UnclaimedRedactedAsync(IReadOnlyList<string> hiddenSids, CancellationToken cancellationToken)
    {
        foreach (var sid in hiddenSids.Reverse())
        {
            if (await work.GetAsync(WorkKinds.Delete, sid, cancellationToken) is null) return sid;
        }
        return null;
    }

    public static readonly TimeSpan ProviderClockSlack = TimeSpan.FromSeconds(30);

    private async Task GiveUpAsync(ScheduledItem item, string label, string why, CancellationToken cancellationToken, int? errorCode = null)
    {
        // Gone already: its status callback proved meanwhile that it went out.
        if (!await work.CompleteAsync(WorkKinds.Send, item.Id, cancellationToken)) return;
        var now = Time.GetUtcNow();
        if (errorCode == DeliveryMetrics.OptedOutAtCarrierCode)
        {
            // Counted under its own name: under outbound:failed it read as the line failing.
            usage.Record([OutboundMetrics.OptedOutAtCarrier(label)], now);
            // Her own choice, made at her carrier: nothing for the on-call operator to do, so no error and no Degraded /healthz.
            logger.LogInformation("Outbound text {OutboxId} ({Label}) not sent: that number opted out at the carrier (Twilio error 21610), " +
                "so the line sends it nothing more; nothing to do", new LoggedOutboxId(item.Id), label);
        }
        else
        {
            usage.Record([OutboundMetrics.Failed(label)], now);
            failures.Add(now);
            logger.LogError("Outbound text {OutboxId} ({Label}) given up: {Why}", new LoggedOutboxId(item.Id), label, why);
        }
        await outcomes.ReportAsync(new OutboundOutcome(item.Id, label, OutboundStatus.Failed, errorCode), cancellationToken);
    }

    private Uri? StatusCallbackFor(string label, string outboxId)
    {
        var baseUrl = twilio.Value.RequestValidation.BaseUrl;
        return string.IsNullOrWhiteSpace(baseUrl)
            ? null
            : new Uri($"{baseUrl.TrimEnd('/')}{Sms.SmsStatusCallback.Path}?{Sms.SmsStatusCallback.LabelParameter}={Uri.EscapeDataString(label)}"
                + $"&{Sms.SmsStatusCallback.OutboxParameter}={Uri.EscapeDataString(outboxId)}");
    }
}
