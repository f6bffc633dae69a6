using WestmontTextLine.Flows;
using WestmontTextLine.Settings;

namespace WestmontTextLine.CheckIns;

/// <summary>The check-in's texts in a language, with their {time}, {name} and {texter} filled in.</summary>
public sealed class CheckInTexts(Flow flow, LineClock clock)
{
    public Messages In(string? language) => flow.Language(language).Messages;

    public string Time(string template, DateTimeOffset at, string language) =>
        LineClock.FillTime(template, clock.LocalTime(at), language);

    /// <summary>A text to a safety contact, who knows the texter by the name she gave (or as "someone you know").</summary>
    public string ForContact(string template, string? name, DateTimeOffset at, string language) =>
        Time(template, at, language).Replace("{name}", name ?? In(language).BuddySomeone, StringComparison.Ordinal);
}
