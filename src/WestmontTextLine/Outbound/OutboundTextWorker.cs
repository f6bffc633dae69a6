using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using WestmontTextLine.Logging;
using WestmontTextLine.Privacy;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Senders;
using WestmontTextLine.Sessions;
using WestmontTextLine.Twilio;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Outbound;

/// <summary>
/// Sends the outbox's texts through the provider, every second, each claimed with a lease so one instance sends it.
/// <list type="bullet">
/// <item>To a number that opted out (its session says so): never sent, and dropped. To a number that texted FORGET
/// after it was queued: withdrawn (<see cref="ForgottenRecipients"/>) at the pass's start, and again just before each
/// send, so a FORGET sent while the pass waited on the provider stops her text too.</item>
/// <item>Accepted by the provider: done; the message is queued for deletion a day later (its final status brings that
/// forward) and counted under its label.</item>
/// <item>Throttled or refused for now (429, credentials, the line's own sender refused: 21606...): tried again later, with a
/// growing wait, for a day. A refused sender shows in /healthz and is logged once, as an error.</item>
/// <item>No answer, or a server error, after the request left: Twilio may have sent it. Before any later try (also
/// after a process died holding it) Twilio's list of the newest texts to the number is read: a text of the line's with
/// the same words, created since shortly before it was due, is this one, and it is sent again only when there is none.
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
    ISessionStore sessions,
    AcceptedTexts accepted,
    CarrierOptOuts carrierOptOuts,
    ForgottenRecipients forgotten,
    OutboundFailures failures,
    OutboundSenderState sender,
    OutcomeListeners outcomes,
    UsageRecorder usage,
    IOptions<TwilioApiOptions> options,
    IOptions<TwilioOptions> twilio,
    TimeProvider time,
    ILogger<OutboundTextWorker> logger) : PassWorker(PassInterval, time)
{
    public static readonly TimeSpan PassInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(1);
    private const int PerPass = 50;

    public int Passes => _passes;
    private int _passes;

    protected override bool Runs => options.Value.CanSend;

    protected override async Task PassAsync(CancellationToken cancellationToken)
    {
        try
        {
            await forgotten.WithdrawAsync(cancellationToken);
            await outcomes.ReportWaitingAsync(cancellationToken);
            var due = await work.ClaimDueAsync(WorkKinds.Send, Time.GetUtcNow(), PerPass, Lease, cancellationToken);
            foreach (var item in due) await SendAsync(item, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Outbound pass failed: {Fault}; the outbox is kept", ex.GetType().Name);
        }
        finally
        {
            Interlocked.Increment(ref _passes);
        }
    }

    private async Task SendAsync(ScheduledItem item, CancellationToken cancellationToken)
    {
        string to, label, body;
        try
        {
            (to, label, body) = OutboundTexts.Open(cipher, item);
        }
        catch (CryptographicException)
        {
            // Written under another key (TextLine:EncryptionKey changed): it can never be read, so never sent.
            await GiveUpAsync(item, "outbound", "its number cannot be decrypted with the current key", cancellationToken);
            return;
        }
        var session = await sessions.LoadAsync(senderKeys.KeyOf(to), cancellationToken);
        if (session?.OptedOut == true)
        {
            await work.CompleteAsync(WorkKinds.Send, item.Id, cancellationToken);
            usage.Record([OutboundMetrics.Suppressed(label)], Time.GetUtcNow());
            await outcomes.ReportAsync(new OutboundOutcome(item.Id, label, OutboundStatus.Failed, OptedOutCode), cancellationToken);
            return;
        }
        // A FORGET that came while this pass ran (a send before this one may have waited seconds on the provider) is
        // acted on now, by this instance or another: a text to her still in the outbox is withdrawn, not sent after it.
        await forgotten.WithdrawAsync(cancellationToken);
        if (await work.GetAsync(WorkKinds.Send, item.Id, cancellationToken) is null) return;

        // Tried before, or claimed by a process that died before it recorded the answer: an earlier attempt may have
        // gone out. The provider is asked first, so that it is sent again only when the provider has no such text.
        var checkedNotSent = false;
        if (item.Attempts > 0 || item.Leased)
        {
            var (earlierSid, lookupError) = await EarlierSendAsync(to, body, item, cancellationToken);
            if (earlierSid is not null)
            {
                await accepted.RecordAsync(item.Id, label, earlierSid, cancellationToken);
                return;
            }
            if (lookupError is { Kind: TwilioErrorKind.RetryLater or TwilioErrorKind.Uncertain or TwilioErrorKind.CredentialsRejected })
            {
                var at = Time.GetUtcNow();
                if (at - item.FirstDueAt < GiveUpAfter) await RetryLaterAsync(item, at, lookupError, cancellationToken);
                else await GiveUpAsync(item, label, $"whether it went out could not be read: {lookupError}", cancellationToken);
                return;
            }
            checkedNotSent = lookupError is null;
        }

        var result = await messages.SendAsync(to, body, StatusCallbackFor(label, item.Id), cancellationToken);
        var now = Time.GetUtcNow();
        if (result.Sent)
        {
            sender.Accepted();
            await accepted.RecordAsync(item.Id, label, result.Sid!, cancellationToken);
            return;
        }
        var error = result.Error!;
        var retry = error.Kind switch
        {
            TwilioErrorKind.RetryLater or TwilioErrorKind.CredentialsRejected or TwilioErrorKind.SenderRejected => now - item.FirstDueAt < GiveUpAfter,
            // Without a look-up the provider answers (a compatible provider may have none), a text is sent at most twice.
            TwilioErrorKind.Uncertain => (item.Attempts == 0 || checkedNotSent) && now - item.FirstDueAt < GiveUpAfter,
            _ => false,
        };
        if (error.Kind == TwilioErrorKind.SenderRejected && sender.Refused(error.Code))
            logger.LogError("Outbound text {OutboxId} ({Label}) refused: {Why}", new LoggedOutboxId(item.Id), label, sender.RefusedBecause);
        if (retry)
        {
            await RetryLaterAsync(item, now, error, cancellationToken);
            return;
        }
        // The number replied STOP at the carrier: recorded as an opt-out, so nothing more is sent to it.
        if (error.Code == OptedOutCode) await carrierOptOuts.RecordAsync(to, cancellationToken);
        await GiveUpAsync(item, label, error.ToString(), cancellationToken, error.Code);
    }

    private Task RetryLaterAsync(ScheduledItem item, DateTimeOffset now, TwilioError error, CancellationToken cancellationToken) =>
        work.RescheduleAsync(WorkKinds.Send, item.Id, now + ProviderDeletionWorker.WaitBeforeRetry(item.Attempts, error.RetryAfter) / 4, cancellationToken);

    /// <summary>
    /// This text, if an earlier attempt put it at the provider: a text to the number with the same words, created since
    /// shortly before it was due. The margin allows for the provider's clock running behind the line's, and stays under
    /// the shortest check-in, so the check-in text before it (same words, a minute or more earlier) is not taken for it.
    /// </summary>
    private async Task<(string? Sid, TwilioError? Error)> EarlierSendAsync(string to, string body, ScheduledItem item, CancellationToken cancellationToken)
    {
        var found = await messages.FindSentAsync(to, body, item.FirstDueAt - ProviderClockSlack, cancellationToken);
        return found.Error is not null ? (null, found.Error) : (found.Sids.FirstOrDefault(), null);
    }

    public static readonly TimeSpan ProviderClockSlack = TimeSpan.FromSeconds(30);

    private async Task GiveUpAsync(ScheduledItem item, string label, string why, CancellationToken cancellationToken, int? errorCode = null)
    {
        // Gone already: its status callback proved meanwhile that it went out.
        if (!await work.CompleteAsync(WorkKinds.Send, item.Id, cancellationToken)) return;
        var now = Time.GetUtcNow();
        usage.Record([OutboundMetrics.Failed(label)], now);
        failures.Add(now);
        logger.LogError("Outbound text {OutboxId} ({Label}) given up: {Why}", new LoggedOutboxId(item.Id), label, why);
        await outcomes.ReportAsync(new OutboundOutcome(item.Id, label, OutboundStatus.Failed, errorCode), cancellationToken);
    }

    /// <summary>Twilio's code for a number that opted out (21610), given to a text the line held back for the same reason.</summary>
    public const int OptedOutCode = 21610;

    private Uri? StatusCallbackFor(string label, string outboxId)
    {
        var baseUrl = twilio.Value.RequestValidation.BaseUrl;
        return string.IsNullOrWhiteSpace(baseUrl)
            ? null
            : new Uri($"{baseUrl.TrimEnd('/')}{Sms.SmsStatusCallback.Path}?{Sms.SmsStatusCallback.LabelParameter}={Uri.EscapeDataString(label)}"
                + $"&{Sms.SmsStatusCallback.OutboxParameter}={Uri.EscapeDataString(outboxId)}");
    }
}
