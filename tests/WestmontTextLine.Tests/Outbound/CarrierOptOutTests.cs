using WestmontTextLine.Flows;
using WestmontTextLine.Tests.CheckIns;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Outbound;

/// <summary>
/// Twilio's 21610 ("unsubscribed recipient": the number replied STOP at the carrier) is an opt-out the line records
/// as its own: no later text is sent to that number, until it texts START.
/// </summary>
public sealed class CarrierOptOutTests
{
    private const string Texter = "+16305558201";
    private const string Contact = "+16305558202";
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    private int PostsTo(CheckInLine line, string number) =>
        line.Fake.Requests.Count(r => r.Method == "POST" && r.Form.GetValueOrDefault("To") == number);

    [Fact]
    public async Task A_text_refused_with_21610_opts_the_number_out_and_nothing_more_is_sent_to_it()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("CHECK 30");

        line.Fake.RefuseSends(1, 21610);
        await line.AdvanceAsync(TimeSpan.FromMinutes(30)); // the check-in text: refused, she opted out at the carrier
        await line.PassesAsync();
        Assert.Equal(1, PostsTo(line, Texter));

        await line.AdvanceAsync(TimeSpan.FromMinutes(11)); // the grace ends: her 911 text is not sent to a number that opted out
        await line.PassesAsync();
        Assert.Equal(1, PostsTo(line, Texter));
        Assert.Empty(line.SentTo(Texter));
        Assert.Null(await texter.TextAsync("hi")); // silence, as after her own STOP

        Assert.Contains(English.StartConfirm, await texter.TextAsync("START"));
        await texter.TextAsync("CHECK 5");
        await line.AdvanceAsync(TimeSpan.FromMinutes(5));
        await line.PassesAsync();
        Assert.Equal([English.CheckInDue], line.SentTo(Texter));
    }

    [Fact]
    public async Task A_number_that_never_texted_the_line_refused_with_21610_is_never_texted_again()
    {
        await using var line = await CheckInLine.StartAsync(staff: true); // the on-call phone never texts the line
        var texter = line.Phone(Texter);
        await texter.TextAsync("hi");
        await texter.TextAsync("CODEWORD pineapple");
        line.Fake.RefuseSends(1, 21610);
        Assert.Equal(English.CodeWordAck, await texter.TextAsync("pineapple"));
        await line.PassesAsync();
        Assert.Equal(1, PostsTo(line, CheckInLine.StaffNumber));

        Assert.Equal(English.CodeWordAck, await texter.TextAsync("pineapple"));
        await line.PassesAsync();
        Assert.Equal(1, PostsTo(line, CheckInLine.StaffNumber));
    }
}
