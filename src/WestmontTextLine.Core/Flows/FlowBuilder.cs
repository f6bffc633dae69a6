using WestmontTextLine.Reading;
using WestmontTextLine.Words;

namespace WestmontTextLine.Flows;

/// <summary>Builds the immutable, pre-rendered Flow from documents the validator has passed.</summary>
public static class FlowBuilder
{
    public static Flow Build(ReferralsDocument referralsDocument, IReadOnlyList<ParsedLanguage> languages)
    {
        // Loops over the documents' dictionaries, not ToDictionary: LINQ over their entries (a struct) is compiled by
        // the JIT at every start.
        var referrals = new Dictionary<string, Referral>(referralsDocument.Referrals.Count);
        foreach (var (id, referral) in referralsDocument.Referrals) referrals.Add(id, BuildReferral(id, referral!));
        var topicTexts = TopicTexts(languages);
        return new Flow
        {
            Referrals = referrals,
            Languages = languages.ToDictionary(l => l.Document.Language!, l => BuildLanguage(l, referrals, topicTexts)),
            Keywords = BuildKeywords(languages),
            NotDistress = new NotDistressPhrases(languages.SelectMany(l => l.Document.NotDistress)),
            WrongNumber = new WrongNumberPhrases(languages.SelectMany(l => l.Document.WrongNumber)),
            Courtesy = new CourtesyPhrases(languages.SelectMany(l => l.Document.Courtesy), OkWords(languages)),
            CommonWords = BuildCommonWords(languages),
        };
    }

    // Her "ok" words, which join a courtesy phrase ("ok ty", "kk thanks"): what ends a check-in or answers its text yes.
    // A loop, not LINQ over the keyword dictionary's entries (a struct), which the JIT would compile at every start.
    private static List<string> OkWords(IReadOnlyList<ParsedLanguage> languages)
    {
        var words = new List<string>();
        foreach (var language in languages)
        {
            foreach (var (action, keywords) in language.Document.Keywords)
            {
                if (action is "safe" or "check_in_yes") words.AddRange(keywords);
            }
        }
        return words;
    }

    private static LanguageCommonWords BuildCommonWords(IReadOnlyList<ParsedLanguage> languages)
    {
        var words = new LanguageCommonWords();
        foreach (var language in languages) words.Add(language.Document.Language!, language.Document.LanguageWords);
        return words;
    }

    private static Referral BuildReferral(string id, ReferralDocument document) => new(
        id,
        document.Name!.Trim(),
        document.Label,
        document.Phone,
        document.TextNumber,
        document.TextKeyword,
        document.Website,
        document.Source!.Trim(),
        document.Confidence!.Trim(),
        document.VerifyBeforeLaunch!.Value);

    private static LanguageFlow BuildLanguage(
        ParsedLanguage parsed, IReadOnlyDictionary<string, Referral> referrals, IReadOnlySet<string> topicTexts)
    {
        var document = parsed.Document;
        var renderer = new ReplyRenderer(document.Language!, referrals, document.Messages["referral_text"]);
        var messages = BuildMessages(document.Messages, renderer);
        var parents = NodeGraph.ParentsIn(document);
        string LabelOf(string id) => document.Nodes[id]!.Label!.Trim();

        var replies = new Dictionary<string, string>(document.Nodes.Count);
        foreach (var (id, node) in document.Nodes)
        {
            replies.Add(id, renderer.Node(node!, LabelOf, id == document.Start ? messages.FooterMain : messages.Footer));
        }

        var nodes = new Dictionary<string, FlowNode>();
        // The answers under one menu show that menu again, so they share its replies instead of each a copy.
        var repliesShowing = new Dictionary<string, MenuShownReplies>();
        foreach (var (id, node) in document.Nodes)
        {
            var parent = parents.GetValueOrDefault(id);
            var isMenu = node!.Options.Count > 0;
            // An answer has no menu of its own, so unusable input there shows the menu one level up.
            var menuShown = isMenu || parent is null ? id : parent;
            if (!repliesShowing.TryGetValue(menuShown, out var shown))
            {
                repliesShowing[menuShown] = shown = new MenuShownReplies(
                    ReplyRenderer.Lines(messages.NotUnderstood, replies[menuShown]),
                    ReplyRenderer.Lines(messages.MediaNotRead, replies[menuShown]));
            }
            nodes[id] = new FlowNode(id, node.Label?.Trim(), parent, [.. node.Options], [.. node.Referrals], [.. node.Topics])
            {
                Text = node.Text!.Trim(),
                Reply = replies[id],
                NotUnderstoodReply = shown.NotUnderstood,
                MediaNotReadReply = shown.MediaNotRead,
            };
        }

        var start = replies[document.Start!];
        return new LanguageFlow
        {
            Language = document.Language!,
            FileName = parsed.FileName,
            Start = document.Start!,
            Messages = messages,
            Nodes = nodes,
            Topics = BuildTopics(document),
            WelcomeReply = ReplyRenderer.Lines(messages.Welcome, start),
            StartReply = ReplyRenderer.Lines(messages.StartConfirm, start),
            Distress = parsed.DistressMatcher.WithExemptTexts(topicTexts),
            SensitiveWords = new SensitiveWords(document.SensitiveWords),
            ReadingLimit = BuildReadingLimit(document),
        };
    }

    /// <summary>Every topic word and phrase of every language, normalised: a text that is only one of them asks for its topic.</summary>
    private static HashSet<string> TopicTexts(IReadOnlyList<ParsedLanguage> languages) =>
        languages.SelectMany(l => l.Document.Nodes.Values).SelectMany(n => n!.Topics).Select(InputText.Normalize).ToHashSet(StringComparer.Ordinal);

    private static ReadingLimit? BuildReadingLimit(LanguageDocument document)
    {
        var formula = ReadingFormula.For(document.Language);
        var limit = document.ReadingLevel?.MaxGrade ?? document.ReadingLevel?.MinEase;
        return formula is null || limit is null ? null : new ReadingLimit(formula, limit.Value);
    }

    private static Messages BuildMessages(Dictionary<string, string> raw, ReplyRenderer renderer) =>
        Messages.From(key => renderer.FillPlaceholders(raw[key]), key => raw[key]);

    /// <summary>Each topic phrase and its nodes, longest phrase first; phrases of one length in the order first met.</summary>
    private static IReadOnlyList<TopicPhrase> BuildTopics(LanguageDocument document)
    {
        var byPhrase = new Dictionary<string, List<string>>();
        var phrases = new List<string>();
        foreach (var (id, node) in document.Nodes)
        {
            foreach (var topic in node!.Topics)
            {
                var phrase = InputText.Normalize(topic);
                if (!byPhrase.TryGetValue(phrase, out var ids))
                {
                    byPhrase[phrase] = ids = [];
                    LongestFirst.Insert(phrases, phrase);
                }
                if (!ids.Contains(id)) ids.Add(id);
            }
        }
        var topics = new List<TopicPhrase>(phrases.Count);
        foreach (var phrase in phrases) topics.Add(new TopicPhrase(phrase, [.. byPhrase[phrase]]));
        return topics;
    }

    private static KeywordIndex BuildKeywords(IReadOnlyList<ParsedLanguage> languages)
    {
        var languagesOfWord = new Dictionary<string, WordLanguages>();
        var emergencyOrder = new List<string>();
        foreach (var (_, document) in languages)
        {
            foreach (var (actionName, words) in document.Keywords)
            {
                var action = KeywordActions.ByYamlName[actionName];
                foreach (var word in words.Select(InputText.Normalize))
                {
                    if (!languagesOfWord.TryGetValue(word, out var entry))
                    {
                        languagesOfWord[word] = entry = new WordLanguages(action, []);
                        if (action == KeywordAction.Emergency) emergencyOrder.Add(word);
                    }
                    entry.Languages.Add(document.Language!);
                }
            }
        }
        KeywordMatch MatchOf(string word)
        {
            var (action, wordLanguages) = languagesOfWord[word];
            return new KeywordMatch(action, wordLanguages.Count == 1 ? wordLanguages.First() : null);
        }
        var exact = languagesOfWord.Keys.ToDictionary(w => w, MatchOf);
        return new KeywordIndex(exact, [.. emergencyOrder]);
    }

    /// <summary>What unusable input and an unread picture get where a menu is shown.</summary>
    private sealed record MenuShownReplies(string NotUnderstood, string MediaNotRead);

    /// <summary>A keyword's action and the languages that have the word (a class, as the rest of the flow: see <see cref="KeywordMatch"/>).</summary>
    private sealed record WordLanguages(KeywordAction Action, HashSet<string> Languages);
}
