using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Flows;
using WestmontTextLine.Senders;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// Her contact answers YES at the moment she changes her plan (BUDDY OFF, FORGET). The contact's text and hers hold
/// different locks (each her own number's), so the YES read her plan, then her text changed it, then the YES went on:
/// the contact was thanked ("You will get a text only if they miss a check-in") though no plan named them, and she was
/// texted "Your safety contact agreed" after removing them, or after FORGET. The YES now counts only when it is written
/// while her plan still asks them.
/// </summary>
public sealed class ContactAnswerRaceTests
{
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Theory]
    [InlineData("BUDDY OFF")]
    [InlineData("FORGET")]
    public async Task A_yes_landing_as_she_changes_her_plan_thanks_no_one_and_tells_her_nothing(string herText)
    {
        HookedPrivateRecords? records = null;
        await using var line = await CheckInLine.StartAsync(new TextLineFactory { TestServices = HookedPrivateRecords.Register(made => records = made) });
        var (herNumber, contactNumber) = (TestNumbers.Next(), TestNumbers.Next());
        var her = line.Phone(herNumber);
        await her.TextAsync("hi");
        Assert.Equal(English.BuddyRequested, await her.TextAsync($"BUDDY {contactNumber} Ana"));
        await line.PassesAsync();

        // The contact's YES reads her plan (the request is open); her text comes just then, and is answered.
        var herKey = line.Factory.Services.GetRequiredService<SenderKeys>().KeyOf(herNumber);
        string? herReply = null;
        records!.AfterGet(1, SafetyPlans.PlanKind, herKey, async () => herReply = await her.TextAsync(herText));
        var contactReply = await line.Phone(contactNumber).TextAsync("YES");
        await line.PassesAsync();

        Assert.NotNull(herReply);
        Assert.NotEqual(English.BuddyThanks, contactReply);
        Assert.DoesNotContain(English.BuddyAgreed, line.SentTo(herNumber));
    }
}
