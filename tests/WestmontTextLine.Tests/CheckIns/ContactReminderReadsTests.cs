using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Senders;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// A text the line welcomes (or does not understand) looks up whether its number is someone's safety contact. For a
/// number that is no one's, it also read whether that number had declined for good, which could not change its answer:
/// on Redis, a second round trip every such text waited for.
/// </summary>
public sealed class ContactReminderReadsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_first_text_from_a_number_no_one_named_reads_its_contact_record_and_no_declined_mark(bool onRedis)
    {
        RecordReadsCounted records = null!;
        await using var faulty = await FaultyCheckInLine.StartAsync(onRedis, RecordReadsCounted.Register(made => records = made));
        var line = faulty.Line;
        const string number = "+16305550142";
        var key = line.Factory.Services.GetRequiredService<SenderKeys>().KeyOf(number);

        var welcome = await line.Phone(number).TextAsync("hi");

        Assert.Contains("Reply STOP", welcome);
        Assert.Equal(1, records.ReadsOf(SafetyPlans.ContactKind, key));
        Assert.Equal(0, records.ReadsOfKind(TexterMarks.ContactDeclined));
    }
}
