namespace WestmontTextLine.Logging;

/// <summary>
/// A MessageSid as the logs show it: in full only when it has Twilio's shape (two capital letters and 32 hex digits),
/// otherwise its first two letters and "…". A SID is whatever a signed request carried, so anything else there (a
/// number, a word) must not reach a log. Formatted only when the line is written.
/// </summary>
public readonly struct LoggedSid(string? sid)
{
    private const int TwilioSidLength = 34;

    public static bool HasTwilioShape(ReadOnlySpan<char> sid) =>
        sid.Length == TwilioSidLength && char.IsAsciiLetterUpper(sid[0]) && char.IsAsciiLetterUpper(sid[1])
        && !sid[2..].ContainsAnyExcept(HexDigits);

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    public override string ToString() => sid switch
    {
        null or "" => "-",
        _ when HasTwilioShape(sid) => sid,
        _ when sid.Length >= 2 && char.IsAsciiLetterUpper(sid[0]) && char.IsAsciiLetterUpper(sid[1]) => sid[..2] + "…",
        _ => "…",
    };
}
