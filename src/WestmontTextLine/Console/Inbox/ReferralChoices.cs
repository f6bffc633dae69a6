using WestmontTextLine.Flows;

namespace WestmontTextLine.Console.Inbox;

/// <summary>A referral staff can insert in a reply: its directory name, and the line texters read, with its contact.</summary>
public sealed record ReferralChoice(string Id, string Name, string Text);

/// <summary>
/// The referral directory (flows/referrals.yaml) as the reply form offers it: each organisation by name, inserted as
/// the same line the menu answers give ("Trafficking Hotline 24/7: 1-888-373-7888, text HELP to 233733"), in the
/// texter's language. The number always comes from the directory, never from what staff type.
/// </summary>
public static class ReferralChoices
{
    public static IReadOnlyList<ReferralChoice> For(Flow flow, string language)
    {
        var languageFlow = flow.Language(language);
        var renderer = new ReplyRenderer(languageFlow.Language, flow.Referrals, languageFlow.Messages.ReferralText);
        return [.. flow.Referrals.Values
            .Select(referral => new ReferralChoice(referral.Id, referral.Name, renderer.ReferralLine(referral)))
            .OrderBy(choice => choice.Name, StringComparer.OrdinalIgnoreCase)];
    }

    public static ReferralChoice? Find(Flow flow, string language, string? id) =>
        id is null ? null : For(flow, language).FirstOrDefault(choice => choice.Id == id);
}
