using WestmontTextLine.Engine;

namespace WestmontTextLine.Handoff;

/// <summary>
/// The answer to a text as the inbox leaves it, and what the inbox writes only once her session is saved: a conversation
/// opened (or a message awaited) for a session that was never saved would wait for staff while her texts went to the menu.
/// </summary>
public sealed record HandoffAnswer(TextResult Result, string Label, Func<CancellationToken, Task>? OnceSaved = null);
