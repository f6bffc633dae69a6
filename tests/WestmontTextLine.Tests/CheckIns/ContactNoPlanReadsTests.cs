using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Flows;
using WestmontTextLine.Senders;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// A contact's NO reads each plan that names them once to find and count them: it read them all to find one, then
/// all again to count the plans it leaves.
/// </summary>
public sealed class ContactNoPlanReadsTests
{
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_contacts_NO_reads_her_plan_once_to_find_it_once_to_tell_her_and_once_to_drop_them(bool onRedis)
    {
        RecordReadsCounted records = null!;
        await using var faulty = await FaultyCheckInLine.StartAsync(onRedis, RecordReadsCounted.Register(made => records = made));
        var line = faulty.Line;
        var (texterNumber, contactNumber) = await line.AskedAsync();
        var texterKey = line.Factory.Services.GetRequiredService<SenderKeys>().KeyOf(texterNumber);

        records.Clear();
        Assert.Equal(English.BuddyDeclineAck, await line.Phone(contactNumber).TextAsync("NO"));
        await line.PassesAsync();

        Assert.Equal([English.BuddyDeclined], line.SentTo(texterNumber));
        Assert.Equal(3, records.ReadsOf(SafetyPlans.PlanKind, texterKey));
    }
}
