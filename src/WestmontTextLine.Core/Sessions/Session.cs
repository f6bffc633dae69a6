namespace WestmontTextLine.Sessions;

/// <summary>
/// Where one texter is in the line. Stored under a keyed hash of the phone number, never the number.
/// Version is the store's optimistic-concurrency stamp: a save succeeds only over the version it loaded.
/// </summary>
public sealed record Session(
    string Node,
    string Language,
    DateTimeOffset LastActivity,
    bool OptedOut = false,
    string? LastMessageSid = null,
    string? LastReply = null,
    string? Choices = null,
    long Version = 0)
{
    /// <summary>The nodes offered by the last "did you mean" reply, in their numbered order.</summary>
    public string[] ChoiceList => Choices is null ? [] : Choices.Split(' ');
}
