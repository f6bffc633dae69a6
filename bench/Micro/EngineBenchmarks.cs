using BenchmarkDotNet.Attributes;
using WestmontTextLine.Engine;
using WestmontTextLine.Flows;
using WestmontTextLine.Sessions;

namespace WestmontTextLine.Bench;

/// <summary>
/// One engine step, ConversationEngine.Handle, on the repo's flows: what the line does for a text besides HTTP, hashing,
/// storage and logging. The session and the text are made once; the step makes the new session and the reply.
/// The issue 7 budget is 10 µs and 4 KB a text.
/// </summary>
[MemoryDiagnoser]
public class EngineStep
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private ConversationEngine _line = null!;
    private Session _atMain = null!;
    private Session _atHealth = null!;
    private InboundText _digit = null!;
    private InboundText _help = null!;
    private InboundText _unknown = null!;
    private InboundText _topic = null!;

    [GlobalSetup]
    public void Setup()
    {
        _line = new ConversationEngine(FlowLoader.Load(Repo.Flows).FlowOrThrow());
        _atMain = new Session("main", "en", Now, LastMessageSid: "SM0", Version: 3);
        _atHealth = new Session("health", "en", Now, LastMessageSid: "SM0", Version: 3);
        _digit = new InboundText("3", "SM1", Now);
        _help = new InboundText("HELP", "SM1", Now);
        _unknown = new InboundText("what is this", "SM1", Now);
        _topic = new InboundText("clinic", "SM1", Now);
    }

    [Benchmark(Description = "Engine: menu digit, 3 at main")]
    public TextResult MenuDigit() => _line.Handle(_atMain, _digit);

    [Benchmark(Description = "Engine: keyword, HELP at health")]
    public TextResult Keyword() => _line.Handle(_atHealth, _help);

    [Benchmark(Description = "Engine: unknown input, what is this")]
    public TextResult UnknownInput() => _line.Handle(_atHealth, _unknown);

    [Benchmark(Description = "Engine: topic word, clinic at main")]
    public TextResult TopicWord() => _line.Handle(_atMain, _topic);
}

/// <summary>FlowLoader.Load of the repo's flows/: read, parse, validate, build and check, as at every start.</summary>
[MemoryDiagnoser]
public class FlowLoading
{
    [Benchmark(Description = "FlowLoader.Load(flows/)")]
    public Flow Load() => FlowLoader.Load(Repo.Flows).FlowOrThrow();
}
