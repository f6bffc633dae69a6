using System.Text.RegularExpressions;
using WestmontTextLine.Engine;
using WestmontTextLine.Reading;

namespace WestmontTextLine.Flows;

/// <summary>Checks the parsed documents before anything is built. Every message starts with its file and node.</summary>
public static partial class FlowValidator
{
    public const int MaxOptions = 9;

    // Five or more digits with single separators between them: a phone number or a short code.
    [GeneratedRegex(@"(?<!\d)(?:\+?\d[\s().-]?){4,}\d(?!\d)")]
    private static partial Regex LongNumber();

    // Three-digit service numbers other than 911, which answers may name directly.
    [GeneratedRegex(@"(?<!\d)(?:211|311|411|511|611|711|811|988)(?!\d)")]
    private static partial Regex ServiceNumber();

    // Node ids name states in the menu diagram and nodes in usage counts, so they stay plain.
    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex NodeId();

    [GeneratedRegex(@"\{ref:([^}]*)\}")]
    public static partial Regex ReferralPlaceholder();

    public static void Validate(
        string referralsName, ReferralsDocument referrals, IReadOnlyList<ParsedLanguage> languages, List<FlowProblem> problems)
    {
        var languageCodes = languages.Select(l => l.Document.Language ?? "").ToList();
        ValidateReferrals(referralsName, referrals, languageCodes, problems);
        foreach (var language in languages) ValidateLanguage(language, referrals, referralsName, problems);
        ValidateSameShape(languages, problems);
        ValidateWords(languages, problems);
        DistressListCheck.Check(languages, problems);
        WayBackCheck.Check(languages, problems);
    }

    private static void ValidateReferrals(
        string file, ReferralsDocument document, IReadOnlyList<string> languages, List<FlowProblem> problems)
    {
        if (document.Referrals.Count == 0) problems.Add(Error($"{file}: no referrals"));
        foreach (var (id, referral) in document.Referrals)
        {
            var where = $"{file}: referral '{id}'";
            if (referral is null)
            {
                problems.Add(Error($"{where}: is empty"));
                continue;
            }
            if (string.IsNullOrWhiteSpace(referral.Name)) problems.Add(Error($"{where}: name is missing"));
            if (string.IsNullOrWhiteSpace(referral.Source)) problems.Add(Error($"{where}: source is missing"));
            if (string.IsNullOrWhiteSpace(referral.Confidence)) problems.Add(Error($"{where}: confidence is missing"));
            if (referral.VerifyBeforeLaunch is null) problems.Add(Error($"{where}: verify_before_launch is missing"));
            if (referral.TextNumber is not null != referral.TextKeyword is not null)
            {
                problems.Add(Error($"{where}: text_number and text_keyword go together"));
            }
            foreach (var language in languages)
            {
                if (!referral.Label.TryGetValue(language, out var label) || string.IsNullOrWhiteSpace(label))
                {
                    problems.Add(Error($"{where}: label.{language} is missing"));
                }
            }
            foreach (var (language, label) in referral.Label) CheckSmsText($"{where}: label.{language}", label, problems);
            foreach (var value in new[] { referral.Phone, referral.TextNumber, referral.TextKeyword, referral.Website })
            {
                if (value is not null) CheckSmsText(where, value, problems);
            }
        }
    }

    private static void ValidateLanguage(
        ParsedLanguage parsed, ReferralsDocument referrals, string referralsName, List<FlowProblem> problems)
    {
        var (file, document) = (parsed.FileName, parsed.Document);
        var expectedCode = Path.GetFileNameWithoutExtension(file);
        if (document.Language != expectedCode)
        {
            problems.Add(Error($"{file}: language is '{document.Language}', expected '{expectedCode}'"));
        }

        foreach (var key in Messages.Keys.Where(k => !document.Messages.ContainsKey(k)))
        {
            problems.Add(Error($"{file}: message '{key}' is missing"));
        }
        foreach (var (key, text) in document.Messages)
        {
            if (!Messages.Keys.Contains(key)) problems.Add(Error($"{file}: message '{key}' is not a known message"));
            CheckAnswerText($"{file}: message '{key}'", text, referrals, referralsName, problems);
        }
        foreach (var action in document.Keywords.Keys.Where(a => !KeywordActions.ByYamlName.ContainsKey(a)))
        {
            problems.Add(Error($"{file}: keywords '{action}' is not a known action ({string.Join(", ", KeywordActions.ByYamlName.Keys)})"));
        }

        foreach (var entry in document.SensitiveWords)
        {
            CheckSmsText($"{file}: sensitive_words: '{entry}'", entry, problems);
            if (SensitiveWords.ProblemWith(entry) is { } problem) problems.Add(Error($"{file}: sensitive_words: {problem}"));
        }
        ValidateReadingLevel(file, document, problems);

        if (string.IsNullOrWhiteSpace(document.Start) || !document.Nodes.ContainsKey(document.Start))
        {
            problems.Add(Error($"{file}: start node '{document.Start}' is missing"));
            return;
        }

        foreach (var (id, node) in document.Nodes)
        {
            var where = $"{file}: node '{id}'";
            if (node is null)
            {
                problems.Add(Error($"{where}: is empty"));
                continue;
            }
            if (!NodeId().IsMatch(id)) problems.Add(Error($"{where}: an id may use only a-z, 0-9 and _"));
            else if (id == MenuMachine.Root) problems.Add(Error($"{where}: the id '{id}' is reserved for the line itself"));
            if (string.IsNullOrWhiteSpace(node.Text)) problems.Add(Error($"{where}: text is missing"));
            else CheckAnswerText(where, node.Text, referrals, referralsName, problems);
            if (id != document.Start && string.IsNullOrWhiteSpace(node.Label)) problems.Add(Error($"{where}: label is missing"));
            if (node.Label is not null) CheckAnswerText($"{where}: label", node.Label, referrals, referralsName, problems);
            if (node.Options.Count > MaxOptions)
            {
                problems.Add(Error($"{where}: has {node.Options.Count} options; the most is {MaxOptions}"));
            }
            for (var i = 0; i < node.Options.Count; i++)
            {
                var target = node.Options[i];
                if (target == id) problems.Add(Error($"{where}: option {i + 1} points to the node itself"));
                else if (!document.Nodes.ContainsKey(target))
                {
                    problems.Add(Error($"{where}: option {i + 1} points to missing node '{target}'"));
                }
            }
            foreach (var referral in node.Referrals.Where(r => !referrals.Referrals.ContainsKey(r)))
            {
                problems.Add(Error($"{where}: referral '{referral}' is not in {referralsName}"));
            }
            foreach (var topic in node.Topics) CheckSmsText($"{where}: topic '{topic}'", topic, problems);
        }

        foreach (var unreachable in Unreachable(document))
        {
            problems.Add(Error($"{file}: node '{unreachable}' is not reachable from '{document.Start}'"));
        }
    }

    /// <summary>The limit must be the one the language's formula uses: a grade for English, an ease for Spanish.</summary>
    private static void ValidateReadingLevel(string file, LanguageDocument document, List<FlowProblem> problems)
    {
        if (document.ReadingLevel is not { } level) return;
        var where = $"{file}: reading_level";
        var formula = ReadingFormula.For(document.Language);
        if (formula is null)
        {
            problems.Add(Error($"{where}: there is no reading score for language '{document.Language}' (en: {ReadingFormula.FleschKincaidGrade.Name}, es: {ReadingFormula.FernandezHuertaEase.Name})"));
            return;
        }
        var other = formula == ReadingFormula.FleschKincaidGrade ? ReadingFormula.FernandezHuertaEase : ReadingFormula.FleschKincaidGrade;
        var (given, wrong) = formula == ReadingFormula.FleschKincaidGrade ? (level.MaxGrade, level.MinEase) : (level.MinEase, level.MaxGrade);
        if (wrong is not null)
        {
            problems.Add(Error($"{where}: {other.LimitSetting} is for the {other.Name}; answers in '{document.Language}' get a {formula.Name}, so set {formula.LimitSetting}"));
        }
        else if (given is null) problems.Add(Error($"{where}: {formula.LimitSetting} is missing"));
    }

    private static IEnumerable<string> Unreachable(LanguageDocument document)
    {
        var seen = new HashSet<string> { document.Start! };
        var queue = new Queue<string>(seen);
        while (queue.TryDequeue(out var id))
        {
            if (document.Nodes.GetValueOrDefault(id) is not { } node) continue;
            foreach (var target in node.Options.Where(seen.Add)) queue.Enqueue(target);
        }
        return document.Nodes.Keys.Where(id => !seen.Contains(id));
    }

    private static void ValidateSameShape(IReadOnlyList<ParsedLanguage> languages, List<FlowProblem> problems)
    {
        if (languages.Count < 2) return;
        var reference = languages[0];
        foreach (var other in languages.Skip(1))
        {
            var (file, nodes) = (other.FileName, other.Document.Nodes);
            if (other.Document.Start != reference.Document.Start)
            {
                problems.Add(Error($"{file}: start is '{other.Document.Start}', but {reference.FileName} starts at '{reference.Document.Start}'"));
            }
            foreach (var id in reference.Document.Nodes.Keys.Where(id => !nodes.ContainsKey(id)))
            {
                problems.Add(Error($"{file}: node '{id}' is missing (it is in {reference.FileName})"));
            }
            foreach (var id in nodes.Keys.Where(id => !reference.Document.Nodes.ContainsKey(id)))
            {
                problems.Add(Error($"{file}: node '{id}' is not in {reference.FileName}"));
            }
            foreach (var (id, node) in nodes)
            {
                if (node is null || reference.Document.Nodes.GetValueOrDefault(id) is not { } model) continue;
                if (!node.Options.SequenceEqual(model.Options))
                {
                    problems.Add(Error($"{file}: node '{id}': options [{string.Join(", ", node.Options)}] differ from {reference.FileName} [{string.Join(", ", model.Options)}]"));
                }
                if (!node.Referrals.SequenceEqual(model.Referrals))
                {
                    problems.Add(Error($"{file}: node '{id}': referrals [{string.Join(", ", node.Referrals)}] differ from {reference.FileName} [{string.Join(", ", model.Referrals)}]"));
                }
            }
        }
    }

    /// <summary>A word may mean one action only, and no topic word may be a keyword.</summary>
    private static void ValidateWords(IReadOnlyList<ParsedLanguage> languages, List<FlowProblem> problems)
    {
        var actionOfWord = new Dictionary<string, (string Action, string File)>();
        foreach (var (file, document) in languages)
        {
            foreach (var (action, words) in document.Keywords)
            {
                foreach (var word in words)
                {
                    var normalized = InputText.Normalize(word);
                    if (normalized.Length == 0)
                    {
                        problems.Add(Error($"{file}: keywords '{action}': '{word}' has no letters or digits"));
                    }
                    else if (actionOfWord.TryGetValue(normalized, out var earlier) && earlier.Action != action)
                    {
                        problems.Add(Error($"{file}: keyword '{word}' is '{action}' here but '{earlier.Action}' in {earlier.File}"));
                    }
                    else actionOfWord.TryAdd(normalized, (action, file));
                }
            }
        }
        foreach (var (file, document) in languages)
        {
            foreach (var (id, node) in document.Nodes)
            {
                foreach (var topic in node?.Topics ?? [])
                {
                    var normalized = InputText.Normalize(topic);
                    if (normalized.Length == 0) problems.Add(Error($"{file}: node '{id}': topic '{topic}' has no letters or digits"));
                    else if (actionOfWord.TryGetValue(normalized, out var keyword))
                    {
                        problems.Add(Error($"{file}: node '{id}': topic '{topic}' is already the '{keyword.Action}' keyword"));
                    }
                }
            }
        }
    }

    private static void CheckAnswerText(
        string where, string text, ReferralsDocument referrals, string referralsName, List<FlowProblem> problems)
    {
        CheckSmsText(where, text, problems);
        var withoutPlaceholders = ReferralPlaceholder().Replace(text, "");
        var number = LongNumber().Match(withoutPlaceholders);
        if (!number.Success) number = ServiceNumber().Match(withoutPlaceholders);
        if (number.Success)
        {
            problems.Add(Error($"{where}: has the phone number '{number.Value.Trim()}' typed in; name a referral with {{ref:id}} instead"));
        }
        foreach (Match placeholder in ReferralPlaceholder().Matches(text))
        {
            var id = placeholder.Groups[1].Value;
            if (!referrals.Referrals.ContainsKey(id)) problems.Add(Error($"{where}: referral '{id}' is not in {referralsName}"));
        }
    }

    internal static void CheckSmsText(string where, string text, List<FlowProblem> problems)
    {
        foreach (var c in text.Distinct().Where(c => !SmsText.IsGsm7(c)))
        {
            problems.Add(Error($"{where}: character '{c}' (U+{(int)c:X4}) is not GSM-7"));
        }
    }

    private static FlowProblem Error(string message) => new(Severity.Error, message);
}
