using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using WestmontTextLine.Scheduling;

namespace WestmontTextLine.Outbound;

/// <summary>
/// Queues each message the line handled for deletion at the provider, once it is final and Twilio:DeleteAfter has
/// passed: an inbound text once its reply is committed, a reply or outbound text once its status callback says it is
/// delivered, undelivered or failed. A message left at "sent" (some carriers never confirm) is queued a day later,
/// and an outbound text the line sent itself is queued a day after sending, in case no callback comes. The queue is
/// durable and holds SIDs and times only: the answered texts, one with every reply, in an append-only log
/// (<see cref="IWorkLog"/>), the rest and every retry in <see cref="IScheduledWork"/>.
/// </summary>
public sealed class ProviderDeletions(IScheduledWork work, IWorkLog answeredTexts, IOptions<TwilioApiOptions> options, TimeProvider time)
{
    public static readonly TimeSpan UnconfirmedDelay = TimeSpan.FromDays(1);

    public bool Enabled => options.Value.DeletesMessages;

    /// <summary>An inbound text was answered and its session change committed.</summary>
    public Task InboundAnsweredAsync(string? messageSid, CancellationToken cancellationToken = default)
    {
        if (!Enabled || !IsSid(messageSid)) return Task.CompletedTask;
        return answeredTexts.AppendAsync(messageSid, time.GetUtcNow() + options.Value.DeleteAfter, cancellationToken);
    }

    /// <summary>A status callback: a final status queues the message; "sent" queues it for a day later.</summary>
    public Task MessageReportedAsync(string messageSid, string status, CancellationToken cancellationToken = default) =>
        DelayAfter(status) is { } delay ? QueueAsync(messageSid, delay, cancellationToken) : Task.CompletedTask;

    /// <summary>A status whose callback queues the message for deletion: a final one, or "sent" (a day later).</summary>
    public bool QueuesDeletion(string status) => DelayAfter(status) is not null;

    private TimeSpan? DelayAfter(string status) => status switch
    {
        "delivered" or "undelivered" or "failed" => options.Value.DeleteAfter,
        "sent" => UnconfirmedDelay,
        _ => null,
    };

    /// <summary>The provider accepted an outbound text: queued a day later, brought forward by its final status.</summary>
    public Task OutboundAcceptedAsync(string messageSid, CancellationToken cancellationToken = default) =>
        QueueAsync(messageSid, UnconfirmedDelay, cancellationToken);

    public async Task<long> WaitingAsync(CancellationToken cancellationToken = default) =>
        await work.CountAsync(WorkKinds.Delete, cancellationToken) + await answeredTexts.CountAsync(cancellationToken);

    /// <summary>
    /// The deletions due now, each held for <paramref name="lease"/> so no other worker takes it meanwhile: up to
    /// <paramref name="max"/> from the queue (retries, replies, outbound texts), and as many answered texts.
    /// </summary>
    public async Task<IReadOnlyList<DueDeletion>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var queued = await work.ClaimDueAsync(WorkKinds.Delete, now, max, lease, cancellationToken);
        var answered = await answeredTexts.TakeDueAsync(now, max, lease, cancellationToken);
        return [.. queued.Select(item => new DueDeletion(item, Logged: null)), .. answered.Select(logged => new DueDeletion(logged.Item, logged))];
    }

    /// <summary>Deleted, or given up: gone from wherever it waited.</summary>
    public Task CompleteAsync(DueDeletion deletion, CancellationToken cancellationToken = default) => deletion.Logged is { } logged
        ? answeredTexts.CompleteAsync(logged, cancellationToken)
        : work.CompleteAsync(WorkKinds.Delete, deletion.Item.Id, cancellationToken);

    /// <summary>Not deleted yet: tried again at <paramref name="dueAt"/>, one more attempt counted.</summary>
    public Task RescheduleAsync(DueDeletion deletion, DateTimeOffset dueAt, CancellationToken cancellationToken = default) => deletion.Logged is { } logged
        ? answeredTexts.RescheduleAsync(logged, dueAt, cancellationToken)
        : work.RescheduleAsync(WorkKinds.Delete, deletion.Item.Id, dueAt, cancellationToken);

    private Task QueueAsync(string? messageSid, TimeSpan after, CancellationToken cancellationToken)
    {
        if (!Enabled || !IsSid(messageSid)) return Task.CompletedTask;
        return work.ScheduleAsync(WorkKinds.Delete, messageSid, time.GetUtcNow() + after, cancellationToken: cancellationToken);
    }

    // A SID is letters and digits; anything else (a forged field) has no business in the queue or in a URL.
    public static bool IsSid([NotNullWhen(true)] string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 64 && value.All(char.IsAsciiLetterOrDigit);
}

/// <summary>A deletion a worker holds: the item, and the log entry it came from when it is an answered text's.</summary>
public sealed record DueDeletion(ScheduledItem Item, LoggedWork? Logged);
