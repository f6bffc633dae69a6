using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Conversations;
using WestmontTextLine.Handoff;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.GaveUp;

/// <summary>
/// The gave-up tests' budgets (<see cref="PauseRedisOnce"/>): the text that meets the frozen Redis gives up on the line's
/// own storage budget, and her texts before and after it run on the tests' long one, which a loaded machine cannot outrun.
/// </summary>
public sealed class FrozenTextBudgetTests : HandoffGaveUpRedisTests
{
    private const string Texter = "+16305558351";

    [Fact]
    public async Task Only_a_text_sent_while_redis_is_to_freeze_or_frozen_runs_on_the_lines_own_budget()
    {
        var budget = Line.Factory.Services.GetRequiredService<ConversationBudget>();
        var phone = Line.Phone(Texter);
        await phone.TextAsync("hi");
        Assert.True(budget.Storage > ConversationService.StorageBudget, $"before the freeze: {budget.Storage}");

        Pause.Arm(recordKind: HandoffStore.ConversationKind);
        Assert.Equal(ConversationService.StorageBudget, budget.Storage);
        FallbackReply.AssertIsFallback(await phone.TextAsync("TALK"));
        await Pause.ResumedAsync();

        Assert.True(budget.Storage > ConversationService.StorageBudget, $"after the freeze: {budget.Storage}");
    }
}
