namespace WestmontTextLine.Settings;

/// <summary>
/// A log level that is not one (Logging:LogLevel:Default=Verbose). The logging library names only the value
/// ("Configuration value 'Verbose' is not supported."), so each such setting is found and named here, for the start
/// and for the verbs alike.
/// </summary>
public static class LogLevelSettings
{
    public static bool IsUnreadable(Exception exception) =>
        exception is InvalidOperationException { Message: var message }
        && message.StartsWith("Configuration value '", StringComparison.Ordinal) && message.EndsWith("' is not supported.", StringComparison.Ordinal);

    public static string Explain(IConfiguration configuration, Exception exception)
    {
        var unreadable = configuration.AsEnumerable()
            .Where(setting => setting.Key.Contains(":LogLevel:", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(setting.Value)
                && !Enum.TryParse<LogLevel>(setting.Value, ignoreCase: true, out _))
            .Select(setting => $"{setting.Key} is '{setting.Value}', which is not a log level.")
            .DefaultIfEmpty(exception.Message);
        return $"{string.Join(" ", unreadable)} Use Trace, Debug, Information, Warning, Error, Critical or None.";
    }
}
