namespace WestmontTextLine.Flows;

/// <summary>The whole line, loaded and validated once and shared read-only by every request.</summary>
public sealed class Flow
{
    public const string DefaultLanguage = "en";

    public required IReadOnlyDictionary<string, LanguageFlow> Languages { get; init; }
    public required IReadOnlyDictionary<string, Referral> Referrals { get; init; }
    public required KeywordIndex Keywords { get; init; }

    public LanguageFlow Default => Languages[DefaultLanguage];

    public LanguageFlow Language(string? code) =>
        code is not null && Languages.TryGetValue(code, out var flow) ? flow : Default;
}
