namespace WestmontTextLine.Words;

/// <summary>
/// A crude stemmer for the distress words, English and Spanish at once: it strips common endings so that a word's
/// forms meet ("HURTS", "HURTING" → "HURT"; "PEGA", "PEGANDO", "PEGO" → "PEG"). The stem is always a prefix of the
/// word, so it is found without copying. It only has to treat a list's word and a texter's word alike: both go
/// through it, and an over-eager cut only makes a match likelier, which is the safe side here.
/// </summary>
public static class WordStem
{
    private const int ShortestStem = 3;

    // Longest first, so "ANDO" is tried before "O". Spanish verb and adjective endings, then English ones; "IN" is
    // -ing with its g dropped, as texters type it ("HURTIN", "BEATIN").
    private static readonly string[] Endings =
    [
        "IENDO", "IERON", "ANDO", "ARON", "ADOS", "ADAS", "IDOS", "IDAS",
        "ING", "ADO", "ADA", "IDO", "IDA",
        "ED", "ES", "EN", "ER", "AR", "IR", "AS", "OS", "AN", "IN",
        "S", "E", "O", "A", "Y",
    ];

    // The endings by their last letter, so a word tries only those that could fit it (this runs on every text).
    private static readonly string[][] EndingsByLastLetter = ByLastLetter(Endings);

    // A loop, not Enumerable.Range: LINQ over int is compiled by the JIT on the way to the first answer.
    private static string[][] ByLastLetter(string[] endings)
    {
        var byLetter = new string[26][];
        for (var letter = 'A'; letter <= 'Z'; letter++) byLetter[letter - 'A'] = [.. endings.Where(e => e[^1] == letter)];
        return byLetter;
    }

    /// <summary>The length of the stem of a normalised word (capitals and digits).</summary>
    public static int Length(ReadOnlySpan<char> word)
    {
        var length = word.Length;
        // Two rounds: "THREATENED" → "THREATEN" → "THREAT", "GOLPEANDO" → "GOLPE" → "GOLP".
        for (var round = 0; round < 2; round++)
        {
            var cut = EndingLength(word[..length]);
            if (cut == 0) break;
            length -= cut;
        }
        // "HITT" (from "HITTING") and "HIT" meet; "KILL" and "KIL" too.
        if (length > ShortestStem && word[length - 1] == word[length - 2] && !IsVowel(word[length - 1])) length--;
        return length;
    }

    public static ReadOnlySpan<char> Of(ReadOnlySpan<char> word) => word[..Length(word)];

    private static int EndingLength(ReadOnlySpan<char> word)
    {
        if (word.Length <= ShortestStem || word[^1] is not (>= 'A' and <= 'Z')) return 0;
        foreach (var ending in EndingsByLastLetter[word[^1] - 'A'])
        {
            if (word.Length - ending.Length >= ShortestStem && word.EndsWith(ending)) return ending.Length;
        }
        return 0;
    }

    private static bool IsVowel(char c) => c is 'A' or 'E' or 'I' or 'O' or 'U';
}
