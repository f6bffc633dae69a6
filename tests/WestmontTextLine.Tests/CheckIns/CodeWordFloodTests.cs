using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// "The code word alerts at most once in 10 minutes", tried by someone using the line to flood the on-call phone: the
/// limit holds whatever is texted between two code words (STOP and START, FORGET, the code word set again).
/// </summary>
public sealed class CodeWordFloodTests
{
    private const string Texter = "+16305558601";
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Theory]
    [InlineData("CODEWORD mango")]
    [InlineData("STOP", "START", "CODEWORD mango")]
    [InlineData("FORGET", "CODEWORD mango")]
    public async Task The_on_call_phone_is_alerted_once_in_ten_minutes_whatever_is_texted_between(params string[] between)
    {
        await using var line = await CheckInLine.StartAsync(staff: true);
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("CODEWORD mango");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(English.CodeWordAck, await texter.TextAsync("mango"));
            // Out before what follows: a FORGET withdraws an alert about her still in the outbox, and the limit is about sent alerts.
            await line.PassesAsync();
            foreach (var text in between) await texter.TextAsync(text);
            await line.AdvanceAsync(TimeSpan.FromMinutes(1));
        }
        Assert.Single(line.SentTo(CheckInLine.StaffNumber));

        await line.AdvanceAsync(TimeSpan.FromMinutes(10));
        Assert.Equal(English.CodeWordAck, await texter.TextAsync("mango"));
        await line.PassesAsync();
        Assert.Equal(2, line.SentTo(CheckInLine.StaffNumber).Count);
    }
}
