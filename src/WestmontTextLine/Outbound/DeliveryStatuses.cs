using WestmontTextLine.Flows;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Outbound;

/// <summary>
/// What a status callback means to the line: a final status is counted by day under the reply's label and its
/// error code (never by person), and the message is queued for deletion at the provider. For an outbound text (its
/// callback names its outbox id), the feature that queued it hears the final status (<see cref="IOutboundOutcomes"/>).
/// A failure with 21610 (the recipient replied STOP at the carrier) is recorded as the number's opt-out, as when the
/// provider refuses a send with it (<see cref="CarrierOptOuts"/>). A callback Twilio sends again (the same MessageSid
/// and status) is neither counted nor reported a second time.
/// </summary>
public sealed class DeliveryStatuses(
    Flow flow, UsageRecorder usage, ProviderDeletions deletions, IEnumerable<IOutboundOutcomes> outcomes, RecentStatusCallbacks recent,
    CarrierOptOuts carrierOptOuts, TimeProvider time, ILogger<DeliveryStatuses> logger)
{
    /// <param name="recipient">The number the text went to (the callback's To): needed, and read, only for a 21610.</param>
    public async Task RecordAsync(
        string messageSid, string status, int? errorCode, string? label, string? outboxId, Func<string?> recipient, CancellationToken cancellationToken)
    {
        if (recent.Seen(messageSid, status))
        {
            // Queuing the deletion again changes nothing (the earlier time is kept), and makes sure it is queued.
            await deletions.MessageReportedAsync(messageSid, status, cancellationToken);
            return;
        }
        var known = DeliveryMetrics.KnownLabel(label, flow);
        // Queued first: should that fail, Twilio sends the callback again, and it is counted then, once.
        await deletions.MessageReportedAsync(messageSid, status, cancellationToken);
        usage.Record(DeliveryMetrics.Of(status, known, errorCode), time.GetUtcNow());
        recent.Remember(messageSid, status);
        if (errorCode == OutboundTextWorker.OptedOutCode && recipient() is { Length: > 0 } number) await carrierOptOuts.RecordAsync(number, cancellationToken);
        OutboundStatus? outcome = status switch
        {
            "delivered" => OutboundStatus.Delivered,
            "undelivered" or "failed" => OutboundStatus.Failed,
            _ => null,
        };
        if (outboxId is null || outcome is null) return;
        foreach (var listener in outcomes)
        {
            // Counted and queued for deletion already: a feature that cannot record it now must not make Twilio call again.
            try
            {
                await listener.ReportAsync(new OutboundOutcome(outboxId, known, outcome.Value, errorCode), cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Final status of outbound text {OutboxId} ({Label}) not recorded: {Fault}", outboxId, known, ex.GetType().Name);
            }
        }
    }
}
