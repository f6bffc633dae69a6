namespace WestmontTextLine.Words;

/// <summary>
/// Finds distress in a texter's own words, from one language's distress phrases. A phrase is found when each of its
/// words is in the text, in any order, within a few words of each other ("my passport, he took it" finds "took my
/// passport"), whatever else is around them. Words are compared by stem ("hurting" finds "hurt"), and a word of five
/// or more letters also by a slip of one letter ("scard", "terified"). A word written "=drugged" in the list is compared
/// as written instead: its stem is that of "drugs", a word of ordinary questions.
/// Everything is prepared when the flow loads; a text is matched without allocating.
/// </summary>
public sealed class DistressMatcher
{
    /// <summary>How many other words may come between a phrase's words: "he took away my phone".</summary>
    public const int ExtraWords = 2;

    /// <summary>Words shorter than this must be spelled right: a slip in "hit" or "me" makes another word.</summary>
    public const int SlipLength = 5;

    private const int MostHits = 128;

    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _termOfStem;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _termOfWrittenWord;
    private readonly NearForm[][] _formsByFirstCharacter;
    private readonly Entry[][] _entriesStartingWith;
    private readonly IReadOnlySet<string> _exemptTexts;

    /// <param name="exemptTexts">Whole normalised texts that are never distress: the topic words, so that a texter
    /// who sends only "overdose" gets that topic's answer.</param>
    public DistressMatcher(IEnumerable<DistressPhrase> phrases, IReadOnlySet<string> exemptTexts)
    {
        Phrases = [.. phrases];
        _exemptTexts = exemptTexts;

        var terms = new Dictionary<string, int>(StringComparer.Ordinal);
        var writtenWords = new Dictionary<string, int>(StringComparer.Ordinal);
        var termCount = 0;
        var forms = new HashSet<NearForm>();
        int TermOf(string word)
        {
            if (word[0] == DistressPhrase.AsWritten)
            {
                var written = word[1..];
                if (!writtenWords.TryGetValue(written, out var writtenTerm)) writtenWords[written] = writtenTerm = termCount++;
                if (written.Length >= SlipLength) forms.Add(new NearForm(writtenTerm, written, IsStem: false));
                return writtenTerm;
            }
            var stem = WordStem.Of(word).ToString();
            if (!terms.TryGetValue(stem, out var term)) terms[stem] = term = termCount++;
            if (stem.Length >= SlipLength) forms.Add(new NearForm(term, stem, IsStem: true));
            if (word.Length >= SlipLength) forms.Add(new NearForm(term, word, IsStem: false));
            return term;
        }

        // Loops over the terms, not LINQ: generic code over int is compiled by the JIT on the way to the first answer.
        int[] TermsOf(string[] alternatives)
        {
            var termsOf = new int[alternatives.Length];
            var count = 0;
            foreach (var alternative in alternatives)
            {
                var term = TermOf(alternative);
                if (!Holds(termsOf, count, term)) termsOf[count++] = term;
            }
            if (count == termsOf.Length) return termsOf;
            var distinct = new int[count];
            Array.Copy(termsOf, distinct, count);
            return distinct;
        }

        var entries = new List<Entry>(Phrases.Count);
        foreach (var phrase in Phrases)
        {
            var termsOfWords = new int[phrase.Words.Count][];
            for (var w = 0; w < termsOfWords.Length; w++) termsOfWords[w] = TermsOf(phrase.Words[w]);
            entries.Add(new Entry(phrase, termsOfWords));
        }
        _termOfStem = terms.GetAlternateLookup<ReadOnlySpan<char>>();
        _termOfWrittenWord = writtenWords.GetAlternateLookup<ReadOnlySpan<char>>();
        // Any match includes a word for the phrase's first word, so the phrase is looked at only from there. Each
        // entry put in its places in one pass, not a search of every entry for each term: this is built at each start.
        var entriesStartingWith = new List<Entry>?[termCount];
        foreach (var entry in entries)
        {
            foreach (var term in entry.Terms[0]) (entriesStartingWith[term] ??= []).Add(entry);
        }
        _entriesStartingWith = new Entry[termCount][];
        for (var term = 0; term < termCount; term++) _entriesStartingWith[term] = entriesStartingWith[term]?.ToArray() ?? [];
        var formsByFirstCharacter = new List<NearForm>?[Buckets];
        foreach (var form in forms)
        {
            if (BucketOf(form.Form[0]) is >= 0 and var bucket) (formsByFirstCharacter[bucket] ??= []).Add(form);
        }
        _formsByFirstCharacter = new NearForm[Buckets][];
        for (var bucket = 0; bucket < Buckets; bucket++) _formsByFirstCharacter[bucket] = formsByFirstCharacter[bucket]?.ToArray() ?? [];
    }

    private DistressMatcher(DistressMatcher prepared, IReadOnlySet<string> exemptTexts)
    {
        Phrases = prepared.Phrases;
        _exemptTexts = exemptTexts;
        _termOfStem = prepared._termOfStem;
        _termOfWrittenWord = prepared._termOfWrittenWord;
        _formsByFirstCharacter = prepared._formsByFirstCharacter;
        _entriesStartingWith = prepared._entriesStartingWith;
    }

    /// <summary>The same phrases, their tables shared, with other texts exempt.</summary>
    public DistressMatcher WithExemptTexts(IReadOnlySet<string> exemptTexts) => new(this, exemptTexts);

    public static DistressMatcher Empty { get; } = new([], new HashSet<string>());

    public IReadOnlyList<DistressPhrase> Phrases { get; }

    /// <summary>The first phrase found in a normalised text, or null.</summary>
    public DistressPhrase? Match(string normalized)
    {
        if (Phrases.Count == 0 || normalized.Length == 0 || _exemptTexts.Contains(normalized)) return null;

        Span<int> hitWord = stackalloc int[MostHits];
        Span<int> hitTerm = stackalloc int[MostHits];
        var hits = 0;
        var wordIndex = 0;
        var rest = normalized.AsSpan();
        while (rest.Length > 0 && hits < MostHits)
        {
            var space = rest.IndexOf(' ');
            var word = space < 0 ? rest : rest[..space];
            rest = space < 0 ? default : rest[(space + 1)..];
            hits = AddHits(word, wordIndex++, hitWord, hitTerm, hits);
        }

        for (var h = 0; h < hits; h++)
        {
            foreach (var entry in _entriesStartingWith[hitTerm[h]])
            {
                if (IsWithinReach(entry, hitWord[h], hitWord[..hits], hitTerm[..hits])) return entry.Phrase;
            }
        }
        return null;
    }

    /// <summary>Records which phrase words this text word can stand for: by stem, as written, then by a slip of one letter.</summary>
    private int AddHits(ReadOnlySpan<char> word, int at, Span<int> hitWord, Span<int> hitTerm, int hits)
    {
        var first = hits;
        var stem = WordStem.Of(word);
        if (_termOfStem.TryGetValue(stem, out var exact))
        {
            hitWord[hits] = at;
            hitTerm[hits++] = exact;
        }
        if (hits < hitWord.Length && _termOfWrittenWord.TryGetValue(word, out var written))
        {
            hitWord[hits] = at;
            hitTerm[hits++] = written;
        }
        if (word.Length < SlipLength || BucketOf(word[0]) is not (>= 0 and var bucket)) return hits;

        foreach (var near in _formsByFirstCharacter[bucket])
        {
            if (hits == hitWord.Length) break;
            if (hitTerm[first..hits].Contains(near.Term)) continue;
            // Word with word, stem with stem: "ATRAS" is one letter from the stem "ATRAP" but far from "ATRAPADA".
            var slipped = near.IsStem ? stem.Length >= SlipLength && OneEdit.Within(stem, near.Form) : OneEdit.Within(word, near.Form);
            if (slipped)
            {
                hitWord[hits] = at;
                hitTerm[hits++] = near.Term;
            }
        }
        return hits;
    }

    /// <summary>True when every word of the entry is in one stretch of text that includes the word at the anchor.</summary>
    private static bool IsWithinReach(Entry entry, int anchor, ReadOnlySpan<int> hitWord, ReadOnlySpan<int> hitTerm)
    {
        var reach = entry.Terms.Length + ExtraWords;
        for (var start = Math.Max(0, anchor - reach + 1); start <= anchor; start++)
        {
            if (FitsBetween(entry, start, start + reach - 1, hitWord, hitTerm)) return true;
        }
        return false;
    }

    private static bool FitsBetween(Entry entry, int first, int last, ReadOnlySpan<int> hitWord, ReadOnlySpan<int> hitTerm)
    {
        var usedWords = 0;
        foreach (var alternatives in entry.Terms)
        {
            var found = false;
            for (var h = 0; h < hitWord.Length && !found; h++)
            {
                var word = hitWord[h];
                if (word < first || word > last) continue;
                var bit = 1 << (word - first);
                if ((usedWords & bit) != 0 || !alternatives.AsSpan().Contains(hitTerm[h])) continue;
                usedWords |= bit;
                found = true;
            }
            if (!found) return false;
        }
        return true;
    }

    private const int Buckets = 36;

    // A loop, not MemoryExtensions.Contains: its generic code over int would be compiled as the flow loads.
    private static bool Holds(int[] terms, int count, int term)
    {
        for (var i = 0; i < count; i++)
        {
            if (terms[i] == term) return true;
        }
        return false;
    }

    private static int BucketOf(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= '0' and <= '9' => 26 + c - '0',
        _ => -1,
    };

    /// <summary>A phrase with each of its words as the terms (stems) that may stand in that place.</summary>
    private sealed record Entry(DistressPhrase Phrase, int[][] Terms);

    /// <summary>A spelling of a term (a list's word, or its stem) that a slip of one letter may still reach.</summary>
    // A class, not a struct: the sets and arrays built from it at start then run the framework's precompiled code
    // instead of code the JIT makes for them (about 9 ms of a cold start).
    private sealed record NearForm(int Term, string Form, bool IsStem);
}
