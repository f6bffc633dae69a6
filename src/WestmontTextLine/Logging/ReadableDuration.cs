namespace WestmontTextLine.Logging;

/// <summary>
/// A duration as people read it, for the log, /healthz and the console: "36 s", "1 min 36 s", "5 min", "2 h 5 min",
/// "3 d 4 h". To the second under an hour, to the minute under a day, to the hour beyond: a TimeSpan's own format
/// ("0.00:01:36") made the on-call operator count colons.
/// </summary>
public static class ReadableDuration
{
    public static string Of(TimeSpan span)
    {
        var whole = TimeSpan.FromSeconds(Math.Round(span.Duration().TotalSeconds));
        if (whole < TimeSpan.FromMinutes(1)) return $"{whole.Seconds} s";
        if (whole < TimeSpan.FromHours(1)) return Two(whole.Minutes, "min", whole.Seconds, "s");
        if (whole < TimeSpan.FromDays(1)) return Two(whole.Hours, "h", whole.Minutes, "min");
        return Two(whole.Days, "d", whole.Hours, "h");
    }

    private static string Two(int larger, string largerUnit, int smaller, string smallerUnit) =>
        smaller == 0 ? $"{larger} {largerUnit}" : $"{larger} {largerUnit} {smaller} {smallerUnit}";
}
