using System.Globalization;

namespace WestmontTextLine.Handoff;

/// <summary>
/// The outbox id of a staff reply: "handoff-{conversation}-{message}-{attempt}". The outbox reports on it, and its
/// status callback carries it, so what became of each send finds its message without any other record.
/// </summary>
public static class HandoffOutboxIds
{
    public const string Label = "handoff";
    private const string Prefix = Label + "-";

    public static string Of(string conversationId, long number, int attempt) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{conversationId}-{number}-{attempt}");

    public static bool TryRead(string outboxId, out string conversationId, out long number, out int attempt)
    {
        conversationId = "";
        number = 0;
        attempt = 0;
        if (!outboxId.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var parts = outboxId[Prefix.Length..].Split('-');
        if (parts.Length != 3 || !HandoffConversations.IsId(parts[0])) return false;
        conversationId = parts[0];
        return long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out number)
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out attempt);
    }
}
