using WestmontTextLine.Flows;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Outbound;

/// <summary>
/// What a status callback means to the line: a final status is counted by day under the reply's label and its
/// error code (never by person), and the message is queued for deletion at the provider.
/// </summary>
public sealed class DeliveryStatuses(Flow flow, UsageRecorder usage, ProviderDeletions deletions, TimeProvider time)
{
    public async Task RecordAsync(string messageSid, string status, int? errorCode, string? label, CancellationToken cancellationToken)
    {
        usage.Record(DeliveryMetrics.Of(status, DeliveryMetrics.KnownLabel(label, flow), errorCode), time.GetUtcNow());
        await deletions.MessageReportedAsync(messageSid, status, cancellationToken);
    }
}
