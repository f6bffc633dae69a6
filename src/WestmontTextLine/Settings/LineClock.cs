using System.Globalization;
using Microsoft.Extensions.Options;

namespace WestmontTextLine.Settings;

/// <summary>Times as texters read them and days as stats count them, in the line's time zone (TextLine:TimeZone).</summary>
public sealed class LineClock(IOptions<TextLineOptions> options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public TimeZoneInfo Zone => _zone;

    /// <summary>"9:40 PM" in English, "21:40" in Spanish.</summary>
    public string TimeOfDay(DateTimeOffset moment, string language)
    {
        var local = TimeZoneInfo.ConvertTime(moment, _zone);
        return local.ToString(language == "es" ? "H:mm" : "h:mm tt", CultureInfo.InvariantCulture);
    }

    public DateOnly DayOf(DateTimeOffset moment) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, _zone).DateTime);
}
