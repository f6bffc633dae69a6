using WestmontTextLine.Reading;
using WestmontTextLine.Words;

namespace WestmontTextLine.Flows;

/// <summary>One language of the line: its nodes, its fixed texts, its topic words and its distress and lock-screen words.</summary>
public sealed class LanguageFlow
{
    public required string Language { get; init; }
    public required string FileName { get; init; }
    public required string Start { get; init; }
    public required Messages Messages { get; init; }
    public required IReadOnlyDictionary<string, FlowNode> Nodes { get; init; }

    /// <summary>Normalised topic words and phrases, each with the nodes it names, longest first.</summary>
    public required IReadOnlyList<TopicPhrase> Topics
    {
        get => _topics;
        init
        {
            _topics = value;
            TopicWords = new WholeWordPhrases(value.Select(topic => topic.Phrase));
        }
    }

    private readonly IReadOnlyList<TopicPhrase> _topics = [];

    /// <summary>The topic phrases as one search: most texts hold none of them, and one pass over the text says so.</summary>
    public WholeWordPhrases TopicWords { get; private init; } = new([]);

    public required string WelcomeReply { get; init; }
    public required string StartReply { get; init; }

    /// <summary>The distress phrases of this language, answered with the emergency reply.</summary>
    public DistressMatcher Distress { get; init; } = DistressMatcher.Empty;

    /// <summary>Words no reply may show in its first characters, where a lock screen shows them.</summary>
    public SensitiveWords SensitiveWords { get; init; } = SensitiveWords.None;

    /// <summary>The reading score beyond which an answer gets a warning, or null for none.</summary>
    public ReadingLimit? ReadingLimit { get; init; }

    public FlowNode StartNode => Nodes[Start];
}
