using Microsoft.Extensions.Options;
using WestmontTextLine.Scheduling;

namespace WestmontTextLine.Outbound;

/// <summary>
/// Queues each message the line handled for deletion at the provider, once it is final and Twilio:DeleteAfter has
/// passed: an inbound text once its reply is committed, a reply or outbound text once its status callback says it is
/// delivered, undelivered or failed. A message left at "sent" (some carriers never confirm) is queued a day later,
/// and an outbound text the line sent itself is queued a day after sending, in case no callback comes. The queue is
/// durable (<see cref="IScheduledWork"/>) and holds SIDs and times only.
/// </summary>
public sealed class ProviderDeletions(IScheduledWork work, IOptions<TwilioApiOptions> options, TimeProvider time)
{
    public static readonly TimeSpan UnconfirmedDelay = TimeSpan.FromDays(1);

    public bool Enabled => options.Value.DeletesMessages;

    /// <summary>An inbound text was answered and its session change committed.</summary>
    public Task InboundAnsweredAsync(string? messageSid, CancellationToken cancellationToken = default) =>
        QueueAsync(messageSid, options.Value.DeleteAfter, cancellationToken);

    /// <summary>A status callback: a final status queues the message; "sent" queues it for a day later.</summary>
    public Task MessageReportedAsync(string messageSid, string status, CancellationToken cancellationToken = default) => status switch
    {
        "delivered" or "undelivered" or "failed" => QueueAsync(messageSid, options.Value.DeleteAfter, cancellationToken),
        "sent" => QueueAsync(messageSid, UnconfirmedDelay, cancellationToken),
        _ => Task.CompletedTask,
    };

    /// <summary>The provider accepted an outbound text: queued a day later, brought forward by its final status.</summary>
    public Task OutboundAcceptedAsync(string messageSid, CancellationToken cancellationToken = default) =>
        QueueAsync(messageSid, UnconfirmedDelay, cancellationToken);

    public Task<long> WaitingAsync(CancellationToken cancellationToken = default) => work.CountAsync(WorkKinds.Delete, cancellationToken);

    private Task QueueAsync(string? messageSid, TimeSpan after, CancellationToken cancellationToken)
    {
        if (!Enabled || string.IsNullOrWhiteSpace(messageSid) || !IsSid(messageSid)) return Task.CompletedTask;
        return work.ScheduleAsync(WorkKinds.Delete, messageSid, time.GetUtcNow() + after, cancellationToken: cancellationToken);
    }

    // A SID is letters and digits; anything else (a forged field) has no business in the queue or in a URL.
    private static bool IsSid(string value) => value.Length <= 64 && value.All(char.IsAsciiLetterOrDigit);
}
