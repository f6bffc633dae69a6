namespace WestmontTextLine.Logging;

/// <summary>
/// An outbox id as the logs show it. A check-in text's id ("ci" and 40 hex digits) is a SHA-256 of her keyed hash, the
/// time it fell due and its label: whoever holds the privacy key and her number finds it by trying the times near the
/// line's timestamp, so it is logged as "ci…" and a <see cref="LogTag"/> of it (this process and day only). Other ids
/// are random, and are logged as they are. Formatted only when the line is written.
/// </summary>
public readonly struct LoggedOutboxId(string id)
{
    private const string CheckInPrefix = "ci";

    public override string ToString() =>
        id.StartsWith(CheckInPrefix, StringComparison.Ordinal) ? CheckInPrefix + "…" + LogTag.Of(id) : id;
}
