using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Conversations;
using WestmontTextLine.Engine;
using WestmontTextLine.Sessions;
using WestmontTextLine.Spool;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Performance;

/// <summary>
/// What every answered text goes through around the engine allocates nothing when there is nothing to do (issue 18:
/// a lambda capturing a method's parameter made its closure on every call, whichever way the call went). Bytes, not
/// time: speed is measured in bench/.
/// </summary>
public class AnswerAllocationTests
{
    private const int Runs = 1_000;
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly Session AtMain = new("main", "en", Now, LastMessageSid: "SM0", Version: 3);
    private static readonly string SenderKey = new('a', 64);

    [Fact]
    public void An_answer_with_nothing_to_do_once_saved_stays_as_it_is()
    {
        var answer = new ConversationAnswer(new TextResult(AtMain, "menu", default), "main");

        Assert.Equal(0, BytesEach(() => answer.ThenOnceSaved(null)));
    }

    [Fact]
    public void A_saved_text_that_is_no_opt_out_costs_the_opt_out_spool_nothing()
    {
        using var spool = new OptOutSpool(new SpoolFiles(null));
        var optOuts = new OptOutsWhileFileGone(spool, new ConversationEngine(EngineHarness.Flow), NullLogger<OptOutsWhileFileGone>.Instance);
        var text = new InboundText("3", "SM1", Now);
        var saved = AtMain with { Node = "health" };

        Assert.Equal(0, BytesEach(() => optOuts.Saved(null!, SenderKey, AtMain, saved, text)));
    }

    [Theory]
    [InlineData("3")]
    [InlineData("BACK")]
    [InlineData("where can I get tested")]
    public async Task A_text_that_is_no_check_in_word_costs_the_check_ins_only_the_reading_of_its_words(string body)
    {
        using var factory = new TextLineFactory();
        factory.CreateClient();
        var checkIns = factory.Services.GetRequiredService<CheckInService>();
        var flow = EngineHarness.Flow;
        var text = new InboundText(body, "SM1", Now);
        Assert.Null(await checkIns.TryHandleAsync("+16305550100", SenderKey, AtMain, text, CancellationToken.None));

        var reading = BytesEach(() => { CheckInWords.Read(body, flow); }) + BytesEach(() => { CheckInWords.CouldBeCodeWord(body, flow); });
        var own = BytesEach(() => { checkIns.TryHandleAsync("+16305550100", SenderKey, AtMain, text, CancellationToken.None); }) - reading;
        Assert.True(own <= OwnCheckInBudgetBytes, $"'{body}': {own} bytes beyond reading its words, budget {OwnCheckInBudgetBytes}");
    }

    // Measured (2026-12-07): 336 bytes a text beyond CheckInWords' own; 376 while a lambda in TryHandleAsync captured
    // its senderKey, which made the closure for every text.
    private const int OwnCheckInBudgetBytes = 336;

    private static long BytesEach(Action run)
    {
        for (var i = 0; i < 100; i++) run();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Runs; i++) run();
        return (GC.GetAllocatedBytesForCurrentThread() - before) / Runs;
    }
}
