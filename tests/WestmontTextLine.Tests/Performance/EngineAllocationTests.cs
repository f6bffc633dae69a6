using WestmontTextLine.Engine;
using WestmontTextLine.Sessions;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Performance;

/// <summary>
/// A guard on the engine's allocation budget (4 KB a text, issue 7). It counts bytes, not time: speed is measured
/// by the benchmarks in bench/, never in a test.
/// </summary>
public class EngineAllocationTests
{
    private const int BudgetBytesPerText = 4 * 1024;
    private const int Texts = 2_000;

    public static TheoryData<string, string> Steps() => new()
    {
        { "main", "3" },       // a menu digit
        { "health", "1" },     // a digit to an answer
        { "health_testing", "BACK" },
        { "health", "MENU" },
        { "health", "HELP" },  // a keyword
        { "health", "danger" },
        { "health", "what is this" }, // input it does not understand
        { "main", "clinic" },  // a topic word
        { "health", "he is hurting me please help" }, // distress in her own words
        { "health", "tengo mucho miedo" },            // distress in the other language's words
        { "main", "where can I get tested for hiv" }, // a question that is not distress
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public void One_text_allocates_less_than_the_budget(string node, string body)
    {
        var line = new ConversationEngine(EngineHarness.Flow);
        var now = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
        var session = new Session(node, "en", now, LastMessageSid: "SM0", Version: 3);
        var sids = Enumerable.Range(0, Texts).Select(i => $"SM{i + 1}").ToArray();
        for (var i = 0; i < 100; i++) line.Handle(session, new InboundText(body, sids[i], now)); // warm up the pool

        var inputs = sids.Select(sid => new InboundText(body, sid, now)).ToArray();
        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var input in inputs) line.Handle(session, input);
        var perText = (GC.GetAllocatedBytesForCurrentThread() - before) / Texts;

        Assert.True(perText <= BudgetBytesPerText, $"'{body}' at {node}: {perText} bytes a text, budget {BudgetBytesPerText}");
    }
}
