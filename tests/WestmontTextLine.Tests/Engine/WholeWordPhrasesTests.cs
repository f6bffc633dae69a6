using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Words;

namespace WestmontTextLine.Tests.Engine;

/// <summary>
/// The one-pass phrase search finds what the search a phrase at a time (<see cref="InputText.ContainsWords"/>) found,
/// for every phrase list the flows name: the emergency words, the language phrases, each language's topic words and
/// the phrases saying nobody is in danger; on texts with the phrases alone, inside words, at the edges, side by side,
/// masked, and on random mixes of their words.
/// </summary>
public class WholeWordPhrasesTests
{
    private static Flow Flow => EngineHarness.Flow;

    public static TheoryData<string> Lists() => [.. PhraseLists().Keys];

    [Theory]
    [MemberData(nameof(Lists))]
    public void Finds_what_a_search_a_phrase_at_a_time_found(string list)
    {
        var phrases = PhraseLists()[list];
        var search = new WholeWordPhrases(phrases);

        foreach (var text in TextsAround(phrases))
        {
            var before = phrases.Any(phrase => InputText.ContainsWords(text, phrase));
            Assert.True(before == search.AnyIn(text), $"{list}: '{text}' {(before ? "was" : "was not")} found before");
        }
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public void Masks_what_a_search_a_phrase_at_a_time_masked(string list)
    {
        var phrases = PhraseLists()[list];
        var search = new WholeWordPhrases(phrases);

        foreach (var text in TextsAround(phrases))
        {
            Assert.Equal(MaskedAPhraseAtATime(phrases, text), search.Masked(text, NotDistressPhrases.Mask));
        }
    }

    [Fact]
    public void The_flows_emergency_and_not_distress_searches_answer_as_before()
    {
        var emergency = Flow.Keywords.WordsOf(KeywordAction.Emergency);
        var notDistress = PhraseLists()["not_distress"];
        var languagePhrases = Flow.Keywords.WordsOf(KeywordAction.Language);
        foreach (var text in TextsAround([.. emergency, .. notDistress, .. languagePhrases]))
        {
            Assert.Equal(emergency.Any(phrase => InputText.ContainsWords(text, phrase)), Flow.Keywords.ContainsEmergency(text));
            Assert.Equal(MaskedAPhraseAtATime(notDistress, text), Flow.NotDistress.Masked(text));
            var language = languagePhrases.Where(phrase => phrase.Contains(' ') && InputText.ContainsWords(text, phrase))
                .Select(phrase => Flow.Keywords.All.First(word => word.Key == phrase).Value.Language)
                .FirstOrDefault(found => found is not null);
            Assert.Equal(language, Flow.Keywords.LanguagePhraseIn(text));
        }
    }

    [Theory]
    [InlineData("NOT IN", "NOT IN DANGER")]
    [InlineData("NOT IN DANGER", "NOT IN")]
    public void Phrases_found_at_one_place_mask_the_longest_whatever_their_order(string first, string second)
    {
        string[] phrases = [first, second];

        Assert.Equal("IM ~~~ ~~ ~~~~~~ NOW", new WholeWordPhrases(phrases).Masked("IM NOT IN DANGER NOW", NotDistressPhrases.Mask));
        Assert.Equal(MaskedAPhraseAtATime(phrases, "IM NOT IN DANGER NOW"), new WholeWordPhrases(phrases).Masked("IM NOT IN DANGER NOW", NotDistressPhrases.Mask));
    }

    [Fact]
    public void No_phrases_find_nothing() =>
        Assert.False(new WholeWordPhrases([]).AnyIn("HELP ME"));

    private static Dictionary<string, string[]> PhraseLists()
    {
        var lists = new Dictionary<string, string[]>
        {
            ["emergency"] = [.. Flow.Keywords.WordsOf(KeywordAction.Emergency)],
            ["language"] = [.. Flow.Keywords.WordsOf(KeywordAction.Language).Where(phrase => phrase.Contains(' '))],
            ["not_distress"] = [.. Flow.Languages.Keys
                .SelectMany(language => FlowDocumentReader.ReadLanguage(File.ReadAllText(Path.Combine(RepoPaths.Flows, $"{language}.yaml")))!.NotDistress)
                .Where(NotDistressPhrases.IsUsable).Select(InputText.Normalize)],
        };
        foreach (var (language, flow) in Flow.Languages) lists[$"topics_{language}"] = [.. flow.Topics.Select(topic => topic.Phrase)];
        Assert.All(lists, list => Assert.NotEmpty(list.Value));
        return lists;
    }

    /// <summary>Each phrase alone, glued to letters, beside words, cut short, twice, next to another; then random mixes.</summary>
    private static IEnumerable<string> TextsAround(IReadOnlyList<string> phrases)
    {
        yield return "";
        yield return "X";
        for (var p = 0; p < phrases.Count; p++)
        {
            var phrase = phrases[p];
            var other = phrases[(p + 1) % phrases.Count];
            yield return phrase;
            yield return "X" + phrase;
            yield return phrase + "X";
            yield return "AB" + phrase + "CD";
            yield return "A " + phrase;
            yield return phrase + " B";
            yield return "A " + phrase + " B";
            yield return "A" + phrase + " B";
            yield return "A " + phrase + "B";
            yield return phrase[..^1];
            yield return phrase[1..];
            yield return phrase + " " + phrase;
            yield return phrase + phrase;
            yield return phrase + " " + other;
            yield return other + " " + phrase;
            yield return phrase + other;
            yield return "~" + phrase;
            yield return phrase.Replace(' ', '~');
        }

        var random = new Random(18);
        string[] words = [.. phrases.SelectMany(phrase => phrase.Split(' ')).Distinct(), "A", "I", "THE", "NOT", "IM", "HE", "ME", "X", "~~~", "9", "1"];
        for (var i = 0; i < 5_000; i++)
        {
            var count = random.Next(1, 8);
            var parts = new string[count];
            for (var w = 0; w < count; w++)
            {
                var word = random.Next(4) == 0 ? phrases[random.Next(phrases.Count)] : words[random.Next(words.Length)];
                // Sometimes a piece of a word, so that phrases start and end inside words.
                if (random.Next(6) == 0 && word.Length > 1) word = random.Next(2) == 0 ? word[1..] : word[..^1];
                parts[w] = word;
            }
            yield return random.Next(5) == 0 ? string.Concat(parts) : string.Join(' ', parts);
        }
    }

    /// <summary>The masking as NotDistressPhrases did it before the one-pass search: each phrase, each place, in turn.</summary>
    private static string MaskedAPhraseAtATime(IReadOnlyList<string> phrases, string normalized)
    {
        char[]? masked = null;
        foreach (var phrase in phrases.Where(phrase => phrase.Length > 0))
        {
            var index = 0;
            while ((index = normalized.IndexOf(phrase, index, StringComparison.Ordinal)) >= 0)
            {
                var end = index + phrase.Length;
                if ((index == 0 || normalized[index - 1] == ' ') && (end == normalized.Length || normalized[end] == ' '))
                {
                    masked ??= normalized.ToCharArray();
                    for (var i = index; i < end; i++)
                    {
                        if (masked[i] != ' ') masked[i] = NotDistressPhrases.Mask;
                    }
                }
                index++;
            }
        }
        return masked is null ? normalized : new string(masked);
    }
}
