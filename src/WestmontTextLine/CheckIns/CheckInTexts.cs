using WestmontTextLine.Flows;
using WestmontTextLine.Settings;

namespace WestmontTextLine.CheckIns;

/// <summary>The check-in's texts in a language, with their {time}, {name} and {texter} filled in.</summary>
public sealed class CheckInTexts(Flow flow, LineClock clock, TimeProvider time)
{
    public Messages In(string? language) => flow.Language(language).Messages;

    public string Time(string template, DateTimeOffset at, string language) =>
        LineClock.FillTime(template, clock.LocalTime(at), language);

    /// <summary>
    /// An alert's time: "6:30 AM", or "6:30 AM on Nov 24" when that was not today (an alert sent late because the line
    /// was down; before, "has not checked in since 6:30 AM" two days on read as this morning).
    /// </summary>
    public string AlertTime(string template, DateTimeOffset at, string language) =>
        LineClock.FillTime(template, clock.LocalTime(at), language, withDay: clock.DayOf(at) != clock.DayOf(time.GetUtcNow()));

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
        AlertTime(template, at, language).Replace("{name}", name ?? In(language).BuddySomeone, StringComparison.Ordinal);
}
