using WestmontTextLine.Logging;

namespace WestmontTextLine.Outbound;

/// <summary>
/// The provider client's log lines, generated at compile time. They carry a message SID, an outcome, Twilio's error
/// code, the HTTP status and a fault's type name: never a phone number, a body, Twilio's error text or a secret.
/// </summary>
internal static partial class TwilioApiLog
{
    [LoggerMessage(1401, LogLevel.Information, "Outbound text {MessageSid} accepted by the provider")]
    public static partial void Sent(ILogger logger, LoggedSid messageSid);

    [LoggerMessage(1402, LogLevel.Warning, "Outbound text not accepted by the provider: {Error}")]
    public static partial void SendFailed(ILogger logger, TwilioError error);

    [LoggerMessage(1403, LogLevel.Debug, "Message {MessageSid} deleted at the provider")]
    public static partial void Deleted(ILogger logger, LoggedSid messageSid);

    [LoggerMessage(1404, LogLevel.Information, "Message {MessageSid} not deleted at the provider: {Outcome}, {Error}")]
    public static partial void NotDeleted(ILogger logger, LoggedSid messageSid, TwilioDeleteOutcome outcome, TwilioError error);

    [LoggerMessage(1405, LogLevel.Information, "Message {MessageSid} status not read from the provider: {Error}")]
    public static partial void FetchFailed(ILogger logger, LoggedSid messageSid, TwilioError error);

    [LoggerMessage(1406, LogLevel.Warning, "Earlier texts not read from the provider: {Error}")]
    public static partial void LookupFailed(ILogger logger, TwilioError error);
}
