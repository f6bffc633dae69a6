using System.Text;

namespace WestmontTextLine.Flows;

/// <summary>
/// Turns text typed by a person (a staff reply) into GSM-7, as the flow files are written: curly quotes and dashes
/// become straight ones, an ellipsis three dots, odd spaces plain ones, and a letter with an accent GSM-7 lacks (á, í,
/// ó, ú, ç...) its plain letter. GSM-7's own letters (é, ñ, ü...) stay. What has no GSM-7 form (an emoji) is left,
/// so <see cref="SmsText.IsGsm7(string)"/> still tells the caller.
/// </summary>
public static class Gsm7Text
{
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Replace("\r\n", "\n", StringComparison.Ordinal))
        {
            if (SmsText.IsGsm7(c)) builder.Append(c);
            else builder.Append(Replacement(c));
        }
        return builder.ToString();
    }

    private static string Replacement(char c) => c switch
    {
        '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '`' or '\u00B4' => "'",
        '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB' => "\"",
        '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' => "-",
        '\u2026' => "...",
        '\t' or '\u00A0' or '\u2002' or '\u2003' or '\u2007' or '\u2009' or '\u202F' => " ",
        '\u200B' or '\uFEFF' => "",
        '\u2022' => "-",
        _ => PlainLetter(c),
    };

    // Letters with an accent GSM-7 lacks, and the plain letter for each (GSM-7's own, such as é, ñ, ü, à, ò, stay as they are).
    private const string Accented = "áâãāăąÁÂÃĀĂĄçćčÇĆČďĎêëēėęěÈÊËĒĖĘĚíîïīįıÍÎÏĪĮİñńňÑŃŇóôõōőÓÔÕŌŐśšşŚŠŞťŤúûūůűųÚÛŪŮŰŲýÿÝŸźżžŹŻŽ";
    private const string Plain =    "aaaaaaAAAAAAcccCCCdDeeeeeeEEEEEEEiiiiiiIIIIIInnnNNNoooooOOOOOsssSSStTuuuuuuUUUUUUyyYYzzzZZZ";

    /// <summary>The letter without its accent (á → a); else the character as it was.</summary>
    private static string PlainLetter(char c)
    {
        var at = Accented.IndexOf(c);
        return at < 0 ? c.ToString() : Plain[at].ToString();
    }
}
