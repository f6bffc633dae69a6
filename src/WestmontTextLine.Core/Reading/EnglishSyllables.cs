namespace WestmontTextLine.Reading;

/// <summary>
/// Syllables of an English word by the usual heuristic: each run of vowels (y included) is one, minus a silent
/// final "e" and a silent "-ed" or "-es", plus the splits that run rules miss ("be-ing", "me-di-a").
/// Right for most plain words; good enough to compare answers with each other.
/// </summary>
public static class EnglishSyllables
{
    public static int Count(string word)
    {
        var w = word.ToLowerInvariant();
        if (w.Length == 0) return 0;
        if (w.Length <= 3) return 1;

        var count = 0;
        for (var i = 0; i < w.Length; i++)
        {
            if (IsVowel(w, i) && (i == 0 || !IsVowel(w, i - 1))) count++;
        }

        if (w.EndsWith('e') && !w.EndsWith("ee") && !EndsWithConsonantLe(w)) count--;
        else if (w.EndsWith("ed") && !w.EndsWith("ted") && !w.EndsWith("ded") && IsVowelRunEnd(w, w.Length - 2)) count--;
        else if (w.EndsWith("es") && !SoundedEs(w) && IsVowelRunEnd(w, w.Length - 2)) count--;

        if (w.EndsWith("ing") && IsVowel(w, w.Length - 4)) count++;                              // be-ing, go-ing
        if (w.Contains("ia") && !w.Contains("cia") && !w.Contains("tia") && !w.Contains("sia")) count++; // me-di-a
        return Math.Max(1, count);
    }

    private static bool IsVowel(string w, int i) =>
        i >= 0 && i < w.Length && (w[i] is 'a' or 'e' or 'i' or 'o' or 'u' || (w[i] == 'y' && i > 0));

    // The "e" of a final "-ed"/"-es" is its own vowel run (not "-eed", "-oes"), so dropping it drops a syllable.
    private static bool IsVowelRunEnd(string w, int e) => !IsVowel(w, e - 1);

    private static bool EndsWithConsonantLe(string w) => w.EndsWith("le") && w.Length > 2 && !IsVowel(w, w.Length - 3);

    private static bool SoundedEs(string w) =>
        w.EndsWith("ses") || w.EndsWith("ces") || w.EndsWith("zes") || w.EndsWith("ges") || w.EndsWith("xes") ||
        w.EndsWith("shes") || w.EndsWith("ches");
}
