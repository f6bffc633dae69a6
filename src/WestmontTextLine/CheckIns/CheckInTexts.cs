using WestmontTextLine.Flows;
using WestmontTextLine.Settings;

namespace WestmontTextLine.CheckIns;

/// <summary>The check-in's texts in a language, with their {time}, {name} and {texter} filled in.</summary>
public sealed class CheckInTexts(Flow flow, LineClock clock)
{
    public Messages In(string? language) => flow.Language(language).Messages;

    public string Time(string template, DateTimeOffset at, string language) =>
        LineClock.FillTime(template, clock.LocalTime(at), language);

    /// <summary>
    /// "I will text you at 9:40 PM", with the time her phone will show then. When the clocks change before it, the reply
    /// says so: told at the first 1:30 AM of a fall-back night, "1:15 AM" would read as the past or as tomorrow.
    /// </summary>
    public string Set(DateTimeOffset now, DateTimeOffset dueAt, string language)
    {
        var messages = In(language);
        return Time(clock.ClocksChangeBetween(now, dueAt) ? messages.CheckInSetClockChange : messages.CheckInSet, dueAt, language);
    }

    /// <summary>A text to a safety contact, who knows the texter by the name she gave (or as "someone you know").</summary>
    public string ForContact(string template, string? name, DateTimeOffset at, string language) =>
        Time(template, at, language).Replace("{name}", name ?? In(language).BuddySomeone, StringComparison.Ordinal);
}
