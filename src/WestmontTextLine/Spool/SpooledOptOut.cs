using System.Globalization;

namespace WestmontTextLine.Spool;

/// <summary>
/// An opt-out the store refused: her keyed hash (as her session is keyed), when the line got it, the text's
/// MessageSid, the language of its words, and where it came from. Never her number or her words.
/// </summary>
public sealed record SpooledOptOut(string SenderKey, DateTimeOffset At, string? MessageSid, string? Language, OptOutSource Source)
{
    private const string Tag = "optout";

    public string ToLine() => string.Join(' ', Tag, SenderKey, At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        MessageSid ?? "-", Language ?? "-", Source switch
        {
            OptOutSource.Stop => "stop",
            OptOutSource.StopAtCarrier => "stop-at-carrier",
            _ => "21610",
        });

    /// <summary>The opt-out a spool line holds; null for a line that is not one (torn by a crash, or unknown).</summary>
    public static SpooledOptOut? Parse(string line)
    {
        var parts = line.Split(' ');
        if (parts.Length != 6 || parts[0] != Tag || !IsKey(parts[1])) return null;
        if (!long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var at)) return null;
        OptOutSource? source = parts[5] switch
        {
            "stop" => OptOutSource.Stop,
            "stop-at-carrier" => OptOutSource.StopAtCarrier,
            "21610" => OptOutSource.RefusedWith21610,
            _ => null,
        };
        if (source is null) return null;
        return new SpooledOptOut(parts[1], DateTimeOffset.FromUnixTimeMilliseconds(at), Word(parts[3]), Word(parts[4]), source.Value);
    }

    private static string? Word(string part) => part == "-" ? null : part;

    private static bool IsKey(string part) => part.Length == 64 && part.All(char.IsAsciiHexDigitLower);
}

public enum OptOutSource
{
    /// <summary>Her STOP (or another opt-out word): the line answered with its confirmation.</summary>
    Stop,

    /// <summary>Twilio's Advanced Opt-Out took her STOP (OptOutType=STOP) and confirmed it itself.</summary>
    StopAtCarrier,

    /// <summary>Twilio refused a text to her number with 21610: she opted out at the carrier.</summary>
    RefusedWith21610,
}
