namespace WestmontTextLine.Outbound;

/// <summary>
/// Asked by the outbox worker before a queued text goes out: whom it is about, when that is not the number it goes to
/// (an alert or a request to her safety contact is about her). Given the outbox id and the label, never the number;
/// answers a keyed hash, or null. A text about someone who has opted out since it was queued is dropped, as a text to an
/// opted-out number is.
/// </summary>
public interface IOutboxTextSubjects
{
    Task<string?> SubjectOfAsync(string outboxId, string label, CancellationToken cancellationToken);
}
