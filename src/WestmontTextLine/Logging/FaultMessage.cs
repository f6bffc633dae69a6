using System.Text.RegularExpressions;

namespace WestmontTextLine.Logging;

/// <summary>
/// An exception's message made safe for a log. A store's message may quote a key (StackExchange.Redis names the
/// key of a timed-out command: wtl:session:&lt;64 hex&gt;), and a keyed sender hash in full lets anyone holding the
/// privacy key confirm who texted, and so would any part of it; a number must never appear at all. A run of 64 hex
/// digits (a keyed hash) becomes the texter's <see cref="LogTag"/>, as the line's own lines name her; other long hex
/// runs keep their first 8 characters; and runs of ten or more digits that could be a phone number are masked. Only the first line,
/// at most <see cref="MaxLength"/> characters: StackExchange.Redis's timeout messages run to 900 characters of
/// connection counters, written once a text while Redis is down.
/// </summary>
public static partial class FaultMessage
{
    [GeneratedRegex("[0-9a-fA-F]{16,}")]
    private static partial Regex LongHex();

    [GeneratedRegex(@"\+?\(?\d[\d\s().-]{6,}\d")]
    private static partial Regex PhoneLike();

    public const int MaxLength = 240;

    public static string Of(Exception exception) => Scrub(exception.Message);

    public static string Scrub(string message)
    {
        var keysShortened = LongHex().Replace(message, match => match.Length == 64 ? LogTag.Of(match.Value.ToLowerInvariant()) : match.Value[..8] + "...");
        var masked = PhoneLike().Replace(keysShortened, match => match.Value.Count(char.IsAsciiDigit) >= 10 ? "[number]" : match.Value);
        var firstLine = masked.Split('\n')[0].TrimEnd('\r');
        return firstLine.Length <= MaxLength ? firstLine : firstLine[..MaxLength] + "...";
    }
}
