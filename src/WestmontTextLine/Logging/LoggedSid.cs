namespace WestmontTextLine.Logging;

/// <summary>
/// A MessageSid as the logs show it: in full only when it has Twilio's shape (two capital letters and 32 hex digits),
/// otherwise its first two letters and "…". A SID is whatever a signed request carried, so anything else there (a
/// number, a word) must not reach a log. Formatted only when the line is written.
/// </summary>
public readonly struct LoggedSid(string? sid)
{
    private const int TwilioSidLength = 34;

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    public override string ToString() => sid switch
    {
        null or "" => "-",
        _ when !StartsWithItsKind(sid) => "…",
        _ when sid.Length == TwilioSidLength && !sid.AsSpan(2).ContainsAnyExcept(HexDigits) => sid,
        _ => sid[..2] + "…",
    };

    /// <summary>Two capital letters, the kind of object the SID names (SM, MM).</summary>
    private static bool StartsWithItsKind(string sid) => sid.Length >= 2 && char.IsAsciiLetterUpper(sid[0]) && char.IsAsciiLetterUpper(sid[1]);
}
