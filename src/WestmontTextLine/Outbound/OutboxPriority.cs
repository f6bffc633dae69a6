using WestmontTextLine.Scheduling;

namespace WestmontTextLine.Outbound;

/// <summary>
/// Which texts go out first when the outbox has a backlog (a burst of check-ins after an outreach event, Twilio back
/// after an outage): the safety texts (her check-in text, a missed check-in's texts, every alert) and a staff reply in
/// a live chat, before the ordinary ones (closing texts, BUDDY requests, a contact's answer told to her). The outbox is
/// claimed earliest due first, so a text that must not wait is queued as due <see cref="Lead"/> earlier than it was
/// queued: it is claimed ahead of every ordinary text queued in the hour before it, and sent in queuing order among
/// its own kind. <see cref="QueuedAt"/> takes the lead back off wherever the real time counts (the look-up of an
/// earlier send, the day after which a text is given up).
/// </summary>
public static class OutboxPriority
{
    public static readonly TimeSpan Lead = TimeSpan.FromHours(1);

    private static readonly HashSet<string> Urgent = new(StringComparer.Ordinal)
    {
        "checkin_due", "checkin_missed", "checkin_missed_unreached", "alert_missed", "alert_codeword", "alert_staff", "alert_staff_unreached",
        Handoff.HandoffOutboxIds.Label,
    };

    public static IEnumerable<string> UrgentLabels => Urgent;

    public static bool IsUrgent(string label) => Urgent.Contains(label);

    /// <summary>The due time a text queued (or to be tried again) at <paramref name="at"/> is given in the outbox.</summary>
    public static DateTimeOffset DueAt(string label, DateTimeOffset at) => IsUrgent(label) ? at - Lead : at;

    /// <summary>When the text was first queued: its first due time, without the lead.</summary>
    public static DateTimeOffset QueuedAt(ScheduledItem item, string label) => IsUrgent(label) ? item.FirstDueAt + Lead : item.FirstDueAt;
}
