using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Outbound;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// An outreach event's check-ins falling due in the same minute. The worker fired at most 100 timers a 5-second pass,
/// one at a time: in a soak of 600, the last check-in texts were queued half a minute after their time. It now claims
/// again while a claim comes back full and fires <see cref="CheckInWorker.FiresAtOnce"/> at a time.
/// </summary>
public sealed class CheckInBurstTests
{
    [Fact]
    public async Task A_hundred_and_fifty_check_ins_due_in_the_same_minute_are_all_texted_at_the_first_pass()
    {
        await using var line = await CheckInLine.StartAsync();
        var numbers = Enumerable.Range(0, 150).Select(_ => TestNumbers.Next()).ToList();
        foreach (var number in numbers) Assert.StartsWith("OK. I will text you at", await line.Phone(number).TextAsync("CHECK 30"));

        await line.AdvanceAsync(TimeSpan.FromMinutes(30));

        Assert.All(numbers, number => Assert.Equal(["Checking in. Reply OK if you are all right."], line.SentTo(number)));
    }
}
