namespace WestmontTextLine.Settings;

/// <summary>
/// Registered by a verb that only looks (`check`, a look before deploying, perhaps as another user or on a read-only
/// copy): what the start would create when it is missing (the Development privacy key) is not created, and the verb
/// says what the start would do instead.
/// </summary>
public sealed class LookOnly;
