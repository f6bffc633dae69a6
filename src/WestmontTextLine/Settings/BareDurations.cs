using System.Globalization;

namespace WestmontTextLine.Settings;

/// <summary>
/// A duration written as a bare number is read as that many days: TextLine:SessionTimeout "30", meant as 30 minutes,
/// keeps a texter's place in the menu for 30 days, and Twilio:DeleteAfter "2" keeps every text at the provider for two
/// days instead of two minutes, both within their bounds, so the start took them without a word. A warning names the
/// setting and what it was read as (a duration is no secret).
/// </summary>
public static class BareDurations
{
    /// <param name="own">The keys of each of the line's own sections (<see cref="SettingsKeys.BySection"/>).</param>
    public static IEnumerable<string> In(IConfiguration configuration, IReadOnlyDictionary<string, SettingsKeys> own)
    {
        foreach (var (name, keys) in own)
        {
            foreach (var (key, type) in keys.Leaves)
            {
                if (type != typeof(TimeSpan)) continue;
                var value = configuration[$"{name}:{key}"]?.Trim();
                if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days)) continue;
                var minutes = Math.Clamp(days, 0, 59);
                yield return $"{name}:{key} is '{value}', which the line reads as {Count(days, "day")}: write durations as " +
                    $"hh:mm:ss or d.hh:mm:ss ({days}.00:00:00 for {Count(days, "day")}, 00:{minutes:00}:00 for {Count(minutes, "minute")}).";
            }
        }
    }

    private static string Count(int n, string unit) => $"{n} {unit}{(Math.Abs(n) == 1 ? "" : "s")}";
}
