namespace WestmontTextLine.Sessions;

/// <summary>
/// Where one texter is in the line. Stored under a keyed hash of the phone number, never the number.
/// Version is the store's optimistic-concurrency stamp: a save succeeds only over the version it loaded.
/// EarlierMessageSids are the texts answered before the last one (newest first, space-separated): a replay of one
/// of them must never move the menu again.
/// RecentAnswers are the answer nodes shown in this visit (oldest first, space-separated, at most
/// <see cref="RecentAnswersKept"/>): what staff see she read before she asked for a person. A visit that expires starts
/// without them.
/// Handoff is a hint for the host: a conversation with staff may be open for this texter (or the line waits for her
/// message to staff), so the host asks its inbox before the menu. The inbox, not the hint, decides.
/// OptedInAt is when the line last got an explicit opt-in of hers (a START word, or the carrier's OptOutType=START),
/// opted out at the time or not: a STOP another instance kept on disk while the store failed gives way to it only when
/// it is later than the STOP, never to any other text of hers.
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
    string? EarlierMessageSids = null,
    string? RecentAnswers = null,
    bool Handoff = false,
    DateTimeOffset? OptedInAt = null)
{
    /// <summary>How many answered texts before the last one are remembered.</summary>
    public const int EarlierMessageSidsKept = 8;

    /// <summary>How many answers read in this visit are remembered.</summary>
    public const int RecentAnswersKept = 3;

    /// <summary>
    /// An idle opt-out's node and last activity once the retention sweep strips it: no node and the Unix epoch, so the row
    /// no longer says what she was reading or when she last texted. Her next text finds the session expired, and starts
    /// from the main menu, as any expired one does.
    /// </summary>
    public const string StrippedNode = "";

    /// <summary>This opt-out as the retention sweep keeps it: the flag, her language, and nothing of what she read or when.</summary>
    public Session StrippedToOptOut() => this with
    {
        Node = StrippedNode, LastActivity = DateTimeOffset.UnixEpoch, LastMessageSid = null, LastReply = null, Choices = null,
        EarlierMessageSids = null, RecentAnswers = null, OptedInAt = null, Version = Version + 1,
    };

    /// <summary>True when the sweep would strip nothing more from this opt-out.</summary>
    public bool IsStrippedOptOut => StrippedToOptOut() == this with { Version = Version + 1 };

    // Kept as Unix milliseconds (what the stores keep), long.MinValue for none: a DateTimeOffset? would make every copy
    // of a session 16 bytes bigger, and the engine makes one a text, within a budget of 4 KB (EngineAllocationTests).
    private const long NoTime = long.MinValue;
    private readonly long _optedInAt = UnixMillisecondsOf(OptedInAt);

    public DateTimeOffset? OptedInAt
    {
        get => _optedInAt == NoTime ? null : DateTimeOffset.FromUnixTimeMilliseconds(_optedInAt);
        init => _optedInAt = UnixMillisecondsOf(value);
    }

    /// <summary>True when she opted in explicitly after this time (an opt-out she sent then is undone by it).</summary>
    public bool OptedInAfter(DateTimeOffset at) => _optedInAt != NoTime && _optedInAt > at.ToUnixTimeMilliseconds();

    private static long UnixMillisecondsOf(DateTimeOffset? time) => time?.ToUnixTimeMilliseconds() ?? NoTime;

    /// <summary>The answer nodes shown in this visit, oldest first.</summary>
    public IReadOnlyList<string> RecentAnswerList => string.IsNullOrEmpty(RecentAnswers) ? [] : RecentAnswers.Split(' ');

    /// <summary>The recent answers once this node is shown: it moves to the end, the oldest falls off.</summary>
    public string RecentAnswersAfter(string node)
    {
        if (RecentAnswers is null || RecentAnswers.Length == 0) return node;
        if (RecentAnswers == node || RecentAnswers.EndsWith(" " + node, StringComparison.Ordinal)) return RecentAnswers;
        var kept = RecentAnswers.Split(' ').Where(id => id != node).ToList();
        kept.Add(node);
        return string.Join(' ', kept.Skip(Math.Max(0, kept.Count - RecentAnswersKept)));
    }

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
