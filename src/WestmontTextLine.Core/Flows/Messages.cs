namespace WestmontTextLine.Flows;

/// <summary>The fixed texts of one language, with referral placeholders already filled in.</summary>
public sealed record Messages(
    string Welcome,
    string WelcomeBack,
    string NotUnderstood,
    string FooterMain,
    string Footer,
    string Help,
    string Emergency,
    string StopConfirm,
    string StartConfirm,
    string ForgetConfirm,
    string LanguageSet,
    string ChooseTopic,
    string Fallback,
    string ReferralText)
{
    public static readonly string[] Keys =
    [
        "welcome", "welcome_back", "not_understood", "footer_main", "footer", "help", "emergency",
        "stop_confirm", "start_confirm", "forget_confirm", "language_set", "choose_topic", "fallback", "referral_text",
    ];
}
