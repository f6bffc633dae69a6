namespace WestmontTextLine.Flows;

/// <summary>
/// A menu (with options) or an answer (without), in one language. Its replies are rendered once at load,
/// so answering a text costs no string building.
/// </summary>
public sealed record FlowNode(
    string Id,
    string? Label,
    string? Parent,
    IReadOnlyList<string> Options,
    IReadOnlyList<string> Referrals,
    IReadOnlyList<string> Topics)
{
    public bool IsMenu => Options.Count > 0;

    /// <summary>The node's own text as written, {ref:id} placeholders left unfilled (no referral lines, no footer).</summary>
    public string Text { get; init; } = "";

    /// <summary>What the texter sees on arriving here.</summary>
    public string Reply { get; init; } = "";

    /// <summary>The reply to input this node cannot use: a "did not understand" line plus the menu to choose from.</summary>
    public string NotUnderstoodReply { get; init; } = "";

    /// <summary>The reply to a picture or file without words it can use: the line reads text only, plus the same menu.</summary>
    public string MediaNotReadReply { get; init; } = "";
}
