namespace WestmontTextLine.Settings;

/// <summary>The "TextLine" settings section (its PrivacyKey is read by the senders' own options).</summary>
public sealed class TextLineOptions
{
    public const string Section = "TextLine";

    /// <summary>Idle time after which the next text starts again at the main menu.</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Sessions untouched this long are deleted; an opt-out is kept.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Texts one sender may send per minute; more get no reply. 0 turns the limit off.</summary>
    public int RateLimitPerMinute { get; set; } = 20;

    /// <summary>The line's time zone (IANA id), for times in texts and days in stats.</summary>
    public string TimeZone { get; set; } = "America/Chicago";

    /// <summary>The folder of flow files.</summary>
    public string FlowsPath { get; set; } = "flows";
}
