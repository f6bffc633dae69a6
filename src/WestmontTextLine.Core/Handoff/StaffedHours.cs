using System.Globalization;
using System.Text.RegularExpressions;

namespace WestmontTextLine.Handoff;

/// <summary>One stretch of staffed time in a week: from a day's time, for a length (past midnight when it ends the next day).</summary>
/// <remarks>
/// A class, not a struct, as everything read at start-up: lists of it then run the framework's code compiled ahead of
/// time for reference types, where a struct's would be compiled by the JIT on the way to the first answer.
/// </remarks>
public sealed record StaffedPeriod(DayOfWeek Day, TimeSpan Start, TimeSpan Length);

/// <summary>
/// When the line promises that staff answer texts (Handoff:Hours), in the line's own time zone: "Mon-Fri 09:00-17:00",
/// several rules with ";" ("Mon-Fri 09:00-17:00; Sat 10:00-14:00"), days as ranges or lists ("Mon,Wed,Fri"), "Daily",
/// and periods past midnight ("Fri 20:00-02:00"). Empty: no fixed hours, so whoever is on shift answers, and no time is
/// promised. Pure: times in and out are the line's local wall-clock times.
/// </summary>
public sealed partial class StaffedHours
{
    public const string Example = "Mon-Fri 09:00-17:00; Sat 10:00-14:00";

    private static readonly string[] DayNames = ["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"];

    [GeneratedRegex(@"^(?<days>.+?)\s+(?<from>\d{1,2}:\d{2})\s*-\s*(?<to>\d{1,2}:\d{2})$")]
    private static partial Regex Rule();


    private StaffedHours(IReadOnlyList<StaffedPeriod> periods, string text)
    {
        Periods = periods;
        Text = text;
    }

    public static StaffedHours None { get; } = new([], "");

    public IReadOnlyList<StaffedPeriod> Periods { get; }

    /// <summary>The setting as written.</summary>
    public string Text { get; }

    /// <summary>No fixed hours: nothing is promised, and whoever is on shift answers at any time.</summary>
    public bool IsEmpty => Periods.Count == 0;

    /// <summary>Reads the setting; null with the reason when it cannot be read.</summary>
    public static StaffedHours? Parse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return None;
        var periods = new List<StaffedPeriod>();
        foreach (var part in Rules(text))
        {
            var match = Rule().Match(part);
            if (!match.Success)
            {
                error = $"'{part}' is not days and times";
                return null;
            }
            var days = Days(match.Groups["days"].Value, out error);
            if (days is null) return null;
            if (Time(match.Groups["from"].Value, allowEndOfDay: false) is not { } from)
            {
                error = $"'{match.Groups["from"].Value}' is not a time from 00:00 to 23:59";
                return null;
            }
            if (Time(match.Groups["to"].Value, allowEndOfDay: true) is not { } to)
            {
                error = $"'{match.Groups["to"].Value}' is not a time from 00:00 to 24:00";
                return null;
            }
            if (to == from)
            {
                error = $"'{part}' starts and ends at the same time";
                return null;
            }
            var length = to > from ? to - from : to + TimeSpan.FromDays(1) - from;
            foreach (var day in days) periods.Add(new StaffedPeriod(day, from, length));
        }
        return periods.Count == 0 ? None : new StaffedHours(periods, text.Trim());
    }

    /// <summary>True when staff are due to answer at this local time.</summary>
    public bool IsOpen(DateTime local)
    {
        foreach (var period in Periods)
        {
            // A period that started yesterday may still run (past midnight).
            for (var daysBack = 0; daysBack <= 1; daysBack++)
            {
                var date = local.Date.AddDays(-daysBack);
                if (date.DayOfWeek != period.Day) continue;
                var start = date + period.Start;
                if (local >= start && local < start + period.Length) return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The next local time at or after <paramref name="local"/> when a staffed period starts, or null with no fixed
    /// hours. Inside a period it is the start of the next one, not now.
    /// </summary>
    public DateTime? NextStart(DateTime local)
    {
        DateTime? next = null;
        foreach (var period in Periods)
        {
            for (var daysAhead = 0; daysAhead <= 7; daysAhead++)
            {
                var date = local.Date.AddDays(daysAhead);
                if (date.DayOfWeek != period.Day) continue;
                var start = date + period.Start;
                if (start < local) continue;
                if (next is null || start < next) next = start;
                break;
            }
        }
        return next;
    }

    /// <summary>
    /// The rules, trimmed, none empty. Rules are separated by ";" or new lines, or by "," right after a time
    /// ("09:00-17:00, Sat 10:00-14:00"; spaces may come between); a "," between days ("Mon,Wed") separates nothing.
    /// </summary>
    private static List<string> Rules(string text)
    {
        var rules = new List<string>();
        var start = 0;
        var at = 0;
        while (at <= text.Length)
        {
            var separator = at < text.Length ? SeparatorLength(text, at) : 1;
            if (separator == 0)
            {
                at++;
                continue;
            }
            var rule = text[start..at].Trim();
            if (rule.Length > 0) rules.Add(rule);
            at += separator;
            start = at;
        }
        return rules;
    }

    /// <summary>How long the separator starting here is (";", a new line, or spaces and a "," after a time), or 0.</summary>
    private static int SeparatorLength(string text, int at)
    {
        if (text[at] is ';' or '\n') return 1;
        var afterTime = at >= 4 && char.IsDigit(text[at - 4]) && text[at - 3] == ':' && char.IsDigit(text[at - 2]) && char.IsDigit(text[at - 1]);
        if (!afterTime) return 0;
        var comma = at;
        while (comma < text.Length && char.IsWhiteSpace(text[comma])) comma++;
        return comma < text.Length && text[comma] == ',' ? comma - at + 1 : 0;
    }

    // Days as an array in the order written, not a List<DayOfWeek>: see StaffedPeriod.
    private static DayOfWeek[]? Days(string text, out string? error)
    {
        error = null;
        var words = text.Trim().ToUpperInvariant();
        var days = new DayOfWeek[7];
        var count = 0;
        if (words is "DAILY" or "EVERY DAY" or "EVERYDAY")
        {
            for (count = 0; count < 7; count++) days[count] = (DayOfWeek)count;
            return days;
        }
        var listed = new bool[7];
        foreach (var item in words.Split(',', StringSplitOptions.TrimEntries))
        {
            var ends = item.Split('-', StringSplitOptions.TrimEntries);
            var first = ends.Length <= 2 ? Day(ends[0]) : -1;
            var last = ends.Length <= 2 ? Day(ends[^1]) : -1;
            if (first < 0 || last < 0)
            {
                error = $"'{item}' is not a day or a range of days (Mon, Tue, Wed, Thu, Fri, Sat, Sun, e.g. Mon-Fri)";
                return null;
            }
            // A range may wrap the week: Fri-Mon.
            for (var day = first; ; day = (day + 1) % 7)
            {
                if (!listed[day]) days[count++] = (DayOfWeek)day;
                listed[day] = true;
                if (day == last) break;
            }
        }
        var written = new DayOfWeek[count];
        Array.Copy(days, written, count);
        return written;
    }

    /// <summary>The day's number (Sunday 0), or -1: "Mon", "Mon.", "Tues", "Monday"; not "Mo" or "Monkey".</summary>
    private static int Day(string word)
    {
        var name = word.TrimEnd('.');
        if (name.Length < 3) return -1;
        for (var day = 0; day < DayNames.Length; day++)
        {
            if (DayNames[day].StartsWith(name, StringComparison.Ordinal)) return day;
        }
        return -1;
    }

    private static TimeSpan? Time(string text, bool allowEndOfDay)
    {
        var parts = text.Split(':');
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)) return null;
        if (minutes > 59) return null;
        if (hours == 24 && minutes == 0 && allowEndOfDay) return TimeSpan.FromDays(1);
        return hours <= 23 ? new TimeSpan(hours, minutes, 0) : null;
    }
}
