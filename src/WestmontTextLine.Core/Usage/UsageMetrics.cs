using WestmontTextLine.Engine;
using WestmontTextLine.Flows;

namespace WestmontTextLine.Usage;

/// <summary>
/// The names a text is counted under. They come from a closed vocabulary (fixed names, node ids, keyword actions),
/// never from the text itself, so no count can carry what a texter wrote or who they are.
/// </summary>
public static class UsageMetrics
{
    public const string Texts = "texts";
    public const string Conversations = "conversations";
    public const string NodePrefix = "node:";
    public const string KeywordPrefix = "keyword:";

    /// <summary>The keywords worth counting, by the name used in their metric.</summary>
    public static readonly IReadOnlyDictionary<KeywordAction, string> CountedKeywords = new Dictionary<KeywordAction, string>
    {
        [KeywordAction.Stop] = "stop",
        [KeywordAction.Help] = "help",
        [KeywordAction.Emergency] = "emergency",
        [KeywordAction.Forget] = "forget",
        [KeywordAction.Start] = "start",
        [KeywordAction.Language] = "language",
        [KeywordAction.Talk] = "talk",
    };

    public static IReadOnlyList<string> Of(TextEvent textEvent)
    {
        // A retry of a text already answered was counted the first time.
        if (textEvent.Duplicate) return [];
        var metrics = new List<string>(4) { Texts };
        if (textEvent.NewConversation) metrics.Add(Conversations);
        if (textEvent.NodeShown is not null) metrics.Add(NodePrefix + textEvent.NodeShown);
        if (CountedKeywords.TryGetValue(textEvent.Keyword, out var keyword)) metrics.Add(KeywordPrefix + keyword);
        return metrics;
    }
}
