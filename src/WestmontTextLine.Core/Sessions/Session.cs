namespace WestmontTextLine.Sessions;

/// <summary>
/// Where one texter is in the line. Stored under a keyed hash of the phone number, never the number.
/// Version is the store's optimistic-concurrency stamp: a save succeeds only over the version it loaded.
/// EarlierMessageSids are the texts answered before the last one (newest first, space-separated): a replay of one
/// of them must never move the menu again.
/// </summary>
public sealed record Session(
    string Node,
    string Language,
    DateTimeOffset LastActivity,
    bool OptedOut = false,
    string? LastMessageSid = null,
    string? LastReply = null,
    string? Choices = null,
    long Version = 0,
    string? EarlierMessageSids = null)
{
    /// <summary>How many answered texts before the last one are remembered.</summary>
    public const int EarlierMessageSidsKept = 8;

    /// <summary>The nodes offered by the last "did you mean" reply, in their numbered order.</summary>
    public string[] ChoiceList => Choices is null ? [] : Choices.Split(' ');

    /// <summary>True when this text (by its MessageSid) was already answered: the last one or one of those before it.</summary>
    public bool HasAnswered(string messageSid) =>
        messageSid == LastMessageSid || (EarlierMessageSids is { } earlier && ContainsWord(earlier, messageSid));

    /// <summary>The earlier SIDs once a new text is answered: the last one moves in front, the oldest falls off.</summary>
    public string? EarlierMessageSidsAfterNewText()
    {
        if (LastMessageSid is null) return EarlierMessageSids;
        if (string.IsNullOrEmpty(EarlierMessageSids)) return LastMessageSid;
        var kept = EarlierMessageSids;
        var count = 1;
        for (var i = 0; i < kept.Length; i++)
        {
            if (kept[i] != ' ') continue;
            if (++count == EarlierMessageSidsKept)
            {
                kept = kept[..i];
                break;
            }
        }
        return LastMessageSid + " " + kept;
    }

    private static bool ContainsWord(string words, string word)
    {
        var index = 0;
        while ((index = words.IndexOf(word, index, StringComparison.Ordinal)) >= 0)
        {
            var end = index + word.Length;
            if ((index == 0 || words[index - 1] == ' ') && (end == words.Length || words[end] == ' ')) return true;
            index = end;
        }
        return false;
    }
}
