using BenchmarkDotNet.Attributes;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Flows;

namespace WestmontTextLine.Bench;

/// <summary>
/// CheckInWords.Read on the repo's flows: every text is read for a check-in command before the menu answers it, so
/// the texts that are none (a digit, a question, a topic word) pay for every check the check-in's words add.
/// </summary>
[MemoryDiagnoser]
public class CheckInWordsRead
{
    private Flow _flow = null!;

    [GlobalSetup]
    public void Setup() => _flow = FlowLoader.Load(Repo.Flows).FlowOrThrow();

    [Params("3", "what is this", "clinic", "no, help")]
    public string Text { get; set; } = "";

    [Benchmark(Description = "CheckInWords.Read")]
    public CheckInCommand? Read() => CheckInWords.Read(Text, _flow);
}
