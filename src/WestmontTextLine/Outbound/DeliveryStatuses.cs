using WestmontTextLine.Flows;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Outbound;

/// <summary>
/// What a status callback means to the line: a final status is counted by day under the reply's label and its
/// error code (never by person), and the message is queued for deletion at the provider. For an outbound text (its
/// callback names its outbox id), the feature that queued it hears the final status (<see cref="IOutboundOutcomes"/>).
/// A failure with 21610 (the recipient replied STOP at the carrier) is recorded as the number's opt-out, as when the
/// provider refuses a send with it (<see cref="CarrierOptOuts"/>), and kept on disk when the store does not answer. A callback Twilio sends again (the same MessageSid
/// and status) is neither counted nor reported a second time. A final or "sent" status whose deletion cannot be queued
/// (the store not answering) hands the SID to <see cref="UnqueuedDeletions"/>, which queues it once the store answers;
/// its final outcome for an outbound text waits likewise, for every feature (<see cref="UnreportedOutcomes"/>). A failure
/// for the line's own number or account (<see cref="LineSideCodes"/>: 30034 unregistered...) is logged once as an error
/// and shown in /healthz for a day, by every instance (<see cref="CarrierRefusedLine"/>); so is a safety text of the line's own words that a
/// carrier filtered (30007: <see cref="FilteredSafetyTexts"/>), logged as a warning.
/// </summary>
public sealed class DeliveryStatuses(
    Flow flow, UsageRecorder usage, ProviderDeletions deletions, AcceptedTexts accepted, OutcomeListeners outcomes, RecentStatusCallbacks recent,
    CarrierOptOuts carrierOptOuts, UnqueuedDeletions unqueued, CarrierRefusedLine refusedLine, FilteredSafetyTexts filtered, TimeProvider time, ILogger<DeliveryStatuses> logger)
{
    /// <param name="recipient">The number the text went to (the callback's To): needed, and read, only for a 21610.</param>
    public async Task RecordAsync(
        string messageSid, string status, int? errorCode, string? label, string? outboxId, Func<string?> recipient, CancellationToken cancellationToken)
    {
        try
        {
            await RecordOrThrowAsync(messageSid, status, errorCode, label, outboxId, recipient, cancellationToken);
        }
        // Twilio does not send a callback again for a 503: her opt-out at the carrier is kept on disk until the store answers.
        catch (Exception) when (errorCode == DeliveryMetrics.OptedOutAtCarrierCode && !cancellationToken.IsCancellationRequested)
        {
            if (recipient() is { Length: > 0 } number) carrierOptOuts.Keep(number);
            throw;
        }
    }

    private async Task RecordOrThrowAsync(
        string messageSid, string status, int? errorCode, string? label, string? outboxId, Func<string?> recipient, CancellationToken cancellationToken)
    {
        if (recent.Seen(messageSid, status))
        {
            // Queuing the deletion again changes nothing (the earlier time is kept), and makes sure it is queued.
            await QueueDeletionAsync(messageSid, status, cancellationToken);
            return;
        }
        var known = DeliveryMetrics.KnownLabel(label, flow);
        var outcome = outboxId is not null && FinalOutcome(status) is { } final ? new OutboundOutcome(outboxId, known, final, errorCode) : null;
        try
        {
            // Queued first: should that fail, Twilio may send the callback again, and it is counted then, once.
            await QueueDeletionAsync(messageSid, status, cancellationToken);
            if (outboxId is not null) await accepted.RecordAsync(outboxId, known, messageSid, cancellationToken);
        }
        // Twilio does not send a callback again for a 503: the features still hear its outcome once the store answers.
        catch (Exception ex) when (outcome is not null && !cancellationToken.IsCancellationRequested)
        {
            outcomes.KeepForEvery(outcome, ex);
            throw;
        }
        usage.Record(DeliveryMetrics.Of(status, known, errorCode), time.GetUtcNow());
        recent.Remember(messageSid, status);
        await NoteLineSideAsync(status, errorCode, known, cancellationToken);
        // Counted and queued for deletion already: a feature that cannot record it now must not make Twilio call again.
        if (outcome is not null) await outcomes.ReportAsync(outcome, cancellationToken);
        if (errorCode == DeliveryMetrics.OptedOutAtCarrierCode && recipient() is { Length: > 0 } number) await carrierOptOuts.RecordAsync(number, cancellationToken);
    }

    /// <summary>A failure for the line's own number or account fails every text: the operator hears of it once.</summary>
    private async Task NoteLineSideAsync(string status, int? errorCode, string label, CancellationToken cancellationToken)
    {
        if (status == "delivered") await refusedLine.DeliveredAsync(cancellationToken);
        if (FinalOutcome(status) != OutboundStatus.Failed) return;
        if (LineSideCodes.Is(errorCode))
        {
            if (await refusedLine.RefusedAsync(errorCode!.Value, cancellationToken))
                logger.LogError("A text ({Label}) was reported {Status}: {Why}", label, status, await refusedLine.DescribeAsync(cancellationToken));
        }
        else if (errorCode == FilteredSafetyTexts.FilteredCode && FilteredSafetyTexts.IsSafetyText(label) && await filtered.FilteredAsync(label, cancellationToken))
            logger.LogWarning("A text ({Label}) was reported {Status}: {Why}", label, status, await filtered.DescribeAsync(cancellationToken));
    }

    private static OutboundStatus? FinalOutcome(string status) => status switch
    {
        "delivered" => OutboundStatus.Delivered,
        "undelivered" or "failed" => OutboundStatus.Failed,
        _ => null,
    };

    private async Task QueueDeletionAsync(string messageSid, string status, CancellationToken cancellationToken)
    {
        try
        {
            await deletions.MessageReportedAsync(messageSid, status, cancellationToken);
        }
        // "sent" too: a carrier that never confirms sends no final status after it, and the message would stay.
        catch (Exception) when (deletions.QueuesDeletion(status) && !cancellationToken.IsCancellationRequested)
        {
            unqueued.Add(messageSid);
            throw;
        }
    }
}
