namespace WestmontTextLine.Settings;

/// <summary>
/// A value the configuration binder cannot convert (a number as words, a duration as "30m", a switch as "yes"). Its
/// own words name the setting and the value: "Failed to convert configuration value 'abc' at 'TextLine:SessionTimeout'
/// to type 'System.TimeSpan'." Only a number, a duration or a switch fails to convert, never a text setting, so no
/// secret is ever in it.
/// </summary>
public static class UnreadableSetting
{
    public const string HowToWrite =
        "Write durations as hh:mm:ss or d.hh:mm:ss (00:30:00 is 30 minutes), switches as true or false, counts as whole numbers.";

    public static bool Is(Exception exception) =>
        exception is InvalidOperationException && exception.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal);

    public static string Explain(Exception exception) => $"{exception.Message} {HowToWrite}";
}
