using System.Globalization;
using Microsoft.Extensions.Options;

namespace WestmontTextLine.Settings;

/// <summary>Times as texters read them and days as stats count them, in the line's time zone (TextLine:TimeZone).</summary>
public sealed class LineClock(IOptions<TextLineOptions> options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public TimeZoneInfo Zone => _zone;

    /// <summary>"9:40 PM" in English, "21:40" in Spanish.</summary>
    public string TimeOfDay(DateTimeOffset moment, string language) => LocalTimeOfDay(LocalTime(moment), language);

    /// <summary>A wall-clock time of the line's zone as <see cref="TimeOfDay"/> writes it.</summary>
    public static string LocalTimeOfDay(DateTime local, string language) =>
        local.ToString(language == "es" ? "H:mm" : "h:mm tt", CultureInfo.InvariantCulture);

    /// <summary>
    /// The template with its {time} filled in: in Spanish "a la 1:30", not "a las 1:30" (the one o'clock hour takes the
    /// singular article: "a las {time}" and "desde las {time}" are what the flows write).
    /// </summary>
    public static string FillTime(string template, DateTime local, string language, bool withDay = false)
    {
        if (language == "es" && local.Hour == 1) template = template.Replace("las {time}", "la {time}", StringComparison.Ordinal);
        return template.Replace("{time}", LocalTimeOfDay(local, language) + (withDay ? DaySuffix(local, language) : ""), StringComparison.Ordinal);
    }

    /// <summary>
    /// " on Nov 24" in English, " del 24/11" in Spanish (digits: a month's name would not be GSM-7 in every language):
    /// written after the time of a moment that was not today, so that "since 6:30 AM" in an alert sent late, after the
    /// line was down, is not read as this morning.
    /// </summary>
    public static string DaySuffix(DateTime local, string language) =>
        language == "es" ? $" del {local.Day}/{local.Month}" : " on " + local.ToString("MMM d", CultureInfo.InvariantCulture);

    /// <summary>The line's wall-clock time at this moment.</summary>
    public DateTime LocalTime(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, _zone).DateTime;

    /// <summary>
    /// The moment of a wall-clock time of the line's zone. A time the clocks skip (2:30 AM on a spring-forward night) is
    /// the moment they skip to (3:00 AM); a time that comes twice (1:30 AM on a fall-back night) is its second coming.
    /// </summary>
    public DateTimeOffset MomentOf(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // Clocks change on whole minutes: the first valid minute is the end of the skipped hour (or half hour).
        while (_zone.IsInvalidTime(unspecified)) unspecified = unspecified.AddMinutes(1);
        return new DateTimeOffset(unspecified, _zone.GetUtcOffset(unspecified));
    }

    /// <summary>The wall-clock time a texter will see for this one: a time the clocks skip is the time they skip to.</summary>
    public DateTime ShownAs(DateTime local) => LocalTime(MomentOf(local));

    /// <summary>True when the line's clocks change (daylight saving) between these two moments.</summary>
    public bool ClocksChangeBetween(DateTimeOffset from, DateTimeOffset to) => _zone.GetUtcOffset(from) != _zone.GetUtcOffset(to);

    public DateOnly DayOf(DateTimeOffset moment) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, _zone).DateTime);
}
