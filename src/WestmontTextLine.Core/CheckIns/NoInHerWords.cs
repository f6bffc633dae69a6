using WestmontTextLine.Flows;
using WestmontTextLine.Words;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// Her no to "Reply OK if you are all right." beyond the not_safe list: a no stretched ("nooo", "nopeee"), or a text
/// that opens with a no ("no, help", "not really ok", "no not ok", "nah not good"). Each got "Sorry, I did not understand
/// that." and the menu. Read only while her check-in text waits (the host's rule): then the emergency reply, and her
/// timer runs on as for any answer but OK, so reading a text so costs her nothing but 911 and the hotline on her screen.
/// Not a keyword of its own ("NO THANKS" stays decline, "NO HABLO INGLES" a language).
/// </summary>
public static class NoInHerWords
{
    private static readonly HashSet<string> NoWords = ["NO", "NOO", "NOT", "NOPE", "NAH", "NAA", "N", "NEL", "NOP", "NADA"];
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NoWordOf = NoWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <param name="whole">What the whole text is as a keyword (a keyword is never read so).</param>
    public static bool Reads(string normalized, KeywordAction whole, KeywordIndex keywords)
    {
        // Every text comes through here: the cheap tests first, the language phrases only for a no.
        if (normalized.Length == 0 || whole != KeywordAction.None) return false;
        var unstretched = InputText.Unstretched(normalized);
        var space = unstretched.IndexOf(' ');
        var opensWithNo = space > 0 && NoWordOf.Contains(unstretched.AsSpan(0, space));
        var stretchedNo = !opensWithNo && !ReferenceEquals(unstretched, normalized)
            && keywords.MatchWhole(unstretched).Action is KeywordAction.NotSafe or KeywordAction.Decline;
        return (opensWithNo || stretchedNo) && keywords.LanguagePhraseIn(normalized) is null;
    }
}
