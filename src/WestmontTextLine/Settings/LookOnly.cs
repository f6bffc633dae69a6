namespace WestmontTextLine.Settings;

/// <summary>
/// Registered by a verb that only looks (`check`, a look before deploying, perhaps as another user or on a read-only
/// copy) or only tries the line out (`chat` with its in-memory store): what the start would create when it is missing
/// (the Development privacy key) is not created; `check` says what the start would do instead.
/// </summary>
public sealed class LookOnly;
