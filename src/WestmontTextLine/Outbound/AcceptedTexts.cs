using WestmontTextLine.Scheduling;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Outbound;

/// <summary>
/// An outbox text the provider has: accepted in answer to its send, found in the provider's list after an uncertain
/// send, or reported by its own status callback (which proves it went out, whatever the send's answer was). Whichever
/// comes first takes it out of the outbox, counts it and tells the features, so a text is never sent again once the
/// provider is known to have it, and is counted once.
/// </summary>
public sealed class AcceptedTexts(
    IScheduledWork work, ProviderDeletions deletions, SentOnceTexts sentOnce, OutcomeListeners listeners, UsageRecorder usage, TimeProvider time)
{
    /// <returns>False when it had already left the outbox (recorded by the other way, or given up).</returns>
    public async Task<bool> RecordAsync(string outboxId, string label, string messageSid, CancellationToken cancellationToken)
    {
        // Queued for deletion first (queuing again changes nothing): a process that dies after taking it out of the
        // outbox must not leave the message at the provider.
        await deletions.OutboundAcceptedAsync(messageSid, cancellationToken);
        // Remembered before it leaves the outbox: queued again from then on, it is dropped unsent.
        await sentOnce.NoteSentAsync(outboxId, cancellationToken);
        if (!await work.CompleteAsync(WorkKinds.Send, outboxId, cancellationToken)) return false;
        usage.Record([OutboundMetrics.Sent(label)], time.GetUtcNow());
        await listeners.ReportAsync(new OutboundOutcome(outboxId, label, OutboundStatus.Sent), cancellationToken);
        return true;
    }
}
