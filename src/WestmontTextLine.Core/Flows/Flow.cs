using WestmontTextLine.Words;

namespace WestmontTextLine.Flows;

/// <summary>The whole line, loaded and validated once and shared read-only by every request.</summary>
public sealed class Flow
{
    public const string DefaultLanguage = "en";

    /// <summary>The most options a menu may have: one digit each.</summary>
    public const int MaxOptions = 9;

    /// <summary>The menu machine's superstate, where the keywords that work from anywhere live: no node may take its id.</summary>
    public const string RootState = "line";

    /// <summary>
    /// The node of "talk to a person": the talk keyword and its topic words lead here, and the host (the staff inbox)
    /// answers in its place. Optional: a flow without it has no way to reach staff.
    /// </summary>
    public const string TalkNode = "talk";

    public required IReadOnlyDictionary<string, LanguageFlow> Languages { get; init; }
    public required IReadOnlyDictionary<string, Referral> Referrals { get; init; }
    public required KeywordIndex Keywords { get; init; }

    /// <summary>Every language's phrases that say nobody is in danger, masked before the emergency and distress checks.</summary>
    public NotDistressPhrases NotDistress { get; init; } = NotDistressPhrases.Empty;

    /// <summary>Every language's words for "this is not my contact" ("wrong number", "no la conozco"), read from a number asked to be one.</summary>
    public WrongNumberPhrases WrongNumber { get; init; } = WrongNumberPhrases.Empty;

    /// <summary>Every language's whole texts that thank or close ("thanks", "adios"): answered "take care", not "did not understand".</summary>
    public CourtesyPhrases Courtesy { get; init; } = CourtesyPhrases.Empty;

    /// <summary>Every language's common words, for the language of a first text that has no keyword ("necesito un doctor").</summary>
    public LanguageCommonWords CommonWords { get; init; } = LanguageCommonWords.Empty;

    public LanguageFlow Default => Languages[DefaultLanguage];

    /// <summary>True when the flow has a talk node (<see cref="TalkNode"/>): texters can ask for a person.</summary>
    public bool HasTalkNode => Default.Nodes.ContainsKey(TalkNode);

    public LanguageFlow Language(string? code) =>
        code is not null && Languages.TryGetValue(code, out var flow) ? flow : Default;
}
