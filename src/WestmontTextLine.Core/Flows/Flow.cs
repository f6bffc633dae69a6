namespace WestmontTextLine.Flows;

/// <summary>The whole line, loaded and validated once and shared read-only by every request.</summary>
public sealed class Flow
{
    public const string DefaultLanguage = "en";

    /// <summary>The most options a menu may have: one digit each.</summary>
    public const int MaxOptions = 9;

    /// <summary>The menu machine's superstate, where the keywords that work from anywhere live: no node may take its id.</summary>
    public const string RootState = "line";

    public required IReadOnlyDictionary<string, LanguageFlow> Languages { get; init; }
    public required IReadOnlyDictionary<string, Referral> Referrals { get; init; }
    public required KeywordIndex Keywords { get; init; }

    public LanguageFlow Default => Languages[DefaultLanguage];

    public LanguageFlow Language(string? code) =>
        code is not null && Languages.TryGetValue(code, out var flow) ? flow : Default;
}
