namespace WestmontTextLine.Tests.Support;

/// <summary>
/// Replies looked up in the loaded flows, so tests that are not about content assert where a texter is without
/// copying any answer or number into the test.
/// </summary>
public static class MenuReplies
{
    /// <summary>What a texter sees after picking these options, one after another, from the main menu (English).</summary>
    public static string After(params int[] options) => In("en", options);

    public static string In(string language, params int[] options)
    {
        var flow = EngineHarness.Flow.Language(language);
        var node = flow.StartNode;
        foreach (var option in options) node = flow.Nodes[node.Options[option - 1]];
        return node.Reply;
    }
}
