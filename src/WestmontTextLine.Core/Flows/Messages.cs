namespace WestmontTextLine.Flows;

/// <summary>
/// The fixed texts of one language, by name, with referral placeholders already filled in. Each is read from the
/// YAML key named in <see cref="From"/>; adding a message is one property here and one key in the flow files.
/// </summary>
public sealed record Messages
{
    public required string Welcome { get; init; }
    public required string WelcomeBack { get; init; }
    public required string NotUnderstood { get; init; }
    public required string FooterMain { get; init; }
    public required string Footer { get; init; }
    public required string Help { get; init; }
    public required string Emergency { get; init; }
    public required string StopConfirm { get; init; }
    public required string StartConfirm { get; init; }
    public required string ForgetConfirm { get; init; }
    public required string LanguageSet { get; init; }
    public required string ChooseTopic { get; init; }
    public required string Fallback { get; init; }

    /// <summary>How a referral's text line reads, with {keyword} and {number} left to fill (not a reply of its own).</summary>
    public required string ReferralText { get; init; }

    /// <summary>Every YAML key a language file must give under messages:.</summary>
    public static readonly IReadOnlyList<string> Keys = KeysRead();

    /// <param name="filled">A message by its key, its {ref:id} placeholders filled in.</param>
    /// <param name="asWritten">A message by its key, as written.</param>
    public static Messages From(Func<string, string> filled, Func<string, string> asWritten) => new()
    {
        Welcome = filled("welcome"),
        WelcomeBack = filled("welcome_back"),
        NotUnderstood = filled("not_understood"),
        FooterMain = filled("footer_main"),
        Footer = filled("footer"),
        Help = filled("help"),
        Emergency = filled("emergency"),
        StopConfirm = filled("stop_confirm"),
        StartConfirm = filled("start_confirm"),
        ForgetConfirm = filled("forget_confirm"),
        LanguageSet = filled("language_set"),
        ChooseTopic = filled("choose_topic"),
        Fallback = filled("fallback"),
        ReferralText = asWritten("referral_text"),
    };

    private static List<string> KeysRead()
    {
        var keys = new List<string>();
        string Record(string key)
        {
            keys.Add(key);
            return "";
        }
        From(Record, Record);
        return keys;
    }
}
