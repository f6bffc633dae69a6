namespace WestmontTextLine.Outbound;

/// <summary>
/// What became of an outbox item, told to the feature that queued it (the staff inbox shows its replies' delivery).
/// Called by the outbox worker when the provider accepts or the line gives up a text, and by the status callback when
/// the carrier's final word comes. Carries the outbox id and label, a status and Twilio's error code: never a number or a body.
/// </summary>
public interface IOutboundOutcomes
{
    Task ReportAsync(OutboundOutcome outcome, CancellationToken cancellationToken = default);
}

public enum OutboundStatus
{
    /// <summary>The provider accepted the text.</summary>
    Sent,

    /// <summary>The carrier delivered it.</summary>
    Delivered,

    /// <summary>It was refused, given up, or reported undelivered or failed: see the error code.</summary>
    Failed,

    /// <summary>
    /// Never sent, and no one's failure: the person it was about (not the number it was to) opted out while it waited
    /// (<see cref="IOutboxTextSubjects"/>).
    /// </summary>
    Withdrawn,
}

/// <param name="OutboxId">The id <see cref="IOutboundTexts"/> queued the text under.</param>
/// <param name="Label">What the text was (a fixed name such as "handoff").</param>
/// <param name="ErrorCode">Twilio's error code for a failure, e.g. 30007 or 21211, when one is known.</param>
public sealed record OutboundOutcome(string OutboxId, string Label, OutboundStatus Status, int? ErrorCode = null);
