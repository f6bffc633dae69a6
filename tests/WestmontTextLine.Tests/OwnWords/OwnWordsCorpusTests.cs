using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.OwnWords;

/// <summary>
/// Texts as people in trouble type them (own-words.txt), through the engine over the line's own flows, as a first
/// text and inside a submenu. What each gets is pinned in own-words.results.txt, so a change to the flows that
/// changes any of it shows up here; and no one in danger may get anything but the emergency reply.
/// </summary>
public class OwnWordsCorpusTests
{
    private const string UpdateVariable = "WTL_UPDATE_OWN_WORDS";

    private static readonly Lazy<IReadOnlyList<CorpusResult>> Results = new(() => [.. OwnWordsCorpus.Read().Select(Play)]);

    private static CorpusResult Play(CorpusText text)
    {
        var first = new EngineHarness();
        first.Text(text.Text);

        var mid = new EngineHarness();
        mid.Text(text.Language == "es" ? "hola" : "hi");
        mid.Text("3");
        mid.Text(text.Text);

        return new CorpusResult(text, CorpusReply.Of(EngineHarness.Flow, first.Last!), CorpusReply.Of(EngineHarness.Flow, mid.Last!));
    }

    [Fact]
    public void The_corpus_is_large_and_has_every_label()
    {
        var texts = OwnWordsCorpus.Read();
        Assert.True(texts.Count >= 300, $"{texts.Count} texts");
        Assert.Equal(OwnWordsCorpus.Labels.Order(), texts.Select(t => t.Label).Distinct().Order());
    }

    [Fact]
    public void Every_text_gets_what_own_words_results_pins()
    {
        var actual = CorpusResults.Render(Results.Value);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1") File.WriteAllText(OwnWordsCorpus.ResultsPath, actual);
        var pinned = File.Exists(OwnWordsCorpus.ResultsPath) ? File.ReadAllText(OwnWordsCorpus.ResultsPath).ReplaceLineEndings("\n") : "";

        var changed = actual.Split('\n').Except(pinned.Split('\n')).ToList();
        var gone = pinned.Split('\n').Except(actual.Split('\n')).ToList();
        Assert.True(changed.Count == 0 && gone.Count == 0,
            $"own-words.results.txt no longer matches what the flows answer. Now:\n  {string.Join("\n  ", changed)}\n" +
            $"Pinned before:\n  {string.Join("\n  ", gone)}\n" +
            $"If the change is meant, run {UpdateVariable}=1 dotnet test --filter OwnWordsCorpusTests and commit the file.");
    }

    [Fact]
    public void Everyone_in_danger_gets_the_emergency_reply_as_a_first_text_and_mid_conversation()
    {
        var missed = Results.Value
            .Where(r => r.Text.Label is "emergency" or "distress" && r.Missed && !r.Text.KnownMiss)
            .Select(r => $"own-words.txt:{r.Text.LineNumber} '{r.Text.Text}' got {r.First} / {r.Mid}")
            .ToList();
        Assert.True(missed.Count == 0, string.Join("\n", missed));
    }
}
