using System.Globalization;
using System.Text.RegularExpressions;

namespace WestmontTextLine.Handoff;

/// <summary>One stretch of staffed time in a week: from a day's time, for a length (past midnight when it ends the next day).</summary>
public readonly record struct StaffedPeriod(DayOfWeek Day, TimeSpan Start, TimeSpan Length);

/// <summary>
/// When the line promises that staff answer texts (Handoff:Hours), in the line's own time zone: "Mon-Fri 09:00-17:00",
/// several rules with ";" ("Mon-Fri 09:00-17:00; Sat 10:00-14:00"), days as ranges or lists ("Mon,Wed,Fri"), "Daily",
/// and periods past midnight ("Fri 20:00-02:00"). Empty: no fixed hours, so whoever is on shift answers, and no time is
/// promised. Pure: times in and out are the line's local wall-clock times.
/// </summary>
public sealed partial class StaffedHours
{
    public const string Example = "Mon-Fri 09:00-17:00; Sat 10:00-14:00";

    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    [GeneratedRegex(@"^(?<days>.+?)\s+(?<from>\d{1,2}:\d{2})\s*-\s*(?<to>\d{1,2}:\d{2})$")]
    private static partial Regex Rule();

    // Rules are separated by ";" or new lines, or by "," right after a time ("09:00-17:00, Sat 10:00-14:00").
    [GeneratedRegex(@"[;\n]|(?<=\d:\d\d)\s*,")]
    private static partial Regex RuleSeparator();

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
        foreach (var part in RuleSeparator().Split(text).Select(p => p.Trim()).Where(p => p.Length > 0))
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
            periods.AddRange(days.Select(day => new StaffedPeriod(day, from, length)));
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

    private static List<DayOfWeek>? Days(string text, out string? error)
    {
        error = null;
        var words = text.Trim().ToUpperInvariant();
        if (words is "DAILY" or "EVERY DAY" or "EVERYDAY") return [.. Enum.GetValues<DayOfWeek>()];
        var days = new List<DayOfWeek>();
        foreach (var item in words.Split(',', StringSplitOptions.TrimEntries))
        {
            var ends = item.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length > 2 || ends.Any(e => Day(e) is null))
            {
                error = $"'{item}' is not a day or a range of days (Mon, Tue, Wed, Thu, Fri, Sat, Sun, e.g. Mon-Fri)";
                return null;
            }
            var first = (int)Day(ends[0])!.Value;
            var last = (int)Day(ends[^1])!.Value;
            // A range may wrap the week: Fri-Mon.
            for (var day = first; ; day = (day + 1) % 7)
            {
                if (!days.Contains((DayOfWeek)day)) days.Add((DayOfWeek)day);
                if (day == last) break;
            }
        }
        return days;
    }

    private static DayOfWeek? Day(string word)
    {
        if (word.Length < 3) return null;
        var index = Array.IndexOf(DayNames, word[..3]);
        if (index < 0) return null;
        var full = ((DayOfWeek)index).ToString().ToUpperInvariant();
        // "Mon", "Mon.", "Tues", "Monday"; not "Monkey".
        return full.StartsWith(word.TrimEnd('.'), StringComparison.Ordinal) ? (DayOfWeek)index : null;
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
