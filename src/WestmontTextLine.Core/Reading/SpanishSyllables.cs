namespace WestmontTextLine.Reading;

/// <summary>
/// Syllables of a Spanish word from its vowels: each run of vowels is one syllable per strong vowel in it (a, e, o,
/// and an accented í or ú), and at least one. So a diphthong is one ("cui-da-do"), two strong vowels are two
/// ("le-er"), and "y" ending a word after a vowel is part of it ("hoy"). The flows write í and ú without their accent,
/// so "policia" counts one syllable short; the score is for comparing answers, and that slip is the same for all.
/// </summary>
public static class SpanishSyllables
{
    public static int Count(string word)
    {
        var w = word.ToLowerInvariant();
        if (w.Length == 0) return 0;
        if (w == "y") return 1;

        var count = 0;
        var i = 0;
        while (i < w.Length)
        {
            if (!IsVowel(w, i))
            {
                i++;
                continue;
            }
            var strong = 0;
            for (; i < w.Length && IsVowel(w, i); i++)
            {
                if (IsStrong(w[i])) strong++;
            }
            count += Math.Max(1, strong);
        }
        return Math.Max(1, count);
    }

    private static bool IsVowel(string w, int i) =>
        w[i] is 'a' or 'e' or 'i' or 'o' or 'u' or 'á' or 'é' or 'í' or 'ó' or 'ú' or 'ü'
        || (w[i] == 'y' && i == w.Length - 1 && i > 0 && IsVowel(w, i - 1));

    private static bool IsStrong(char c) => c is 'a' or 'e' or 'o' or 'á' or 'é' or 'í' or 'ó' or 'ú';
}
