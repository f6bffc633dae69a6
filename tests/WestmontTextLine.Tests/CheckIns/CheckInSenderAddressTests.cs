using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// A check-in, a safety contact and a code word all need the line to text her first, by SMS from its own number. A
/// text that came from an address the line cannot text that way (a WhatsApp or Messenger address, a short code, a
/// sender's name) gets "not on", not a promise of a text that Twilio would refuse to send.
/// </summary>
public sealed class CheckInSenderAddressTests
{
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Theory]
    [InlineData("whatsapp:+16305558301")]
    [InlineData("messenger:1234567890")]
    [InlineData("rcs:westmont_agent")]
    [InlineData("ACMEBANK")]
    [InlineData("55555")]
    public async Task A_sender_the_line_cannot_text_by_sms_is_told_check_ins_are_not_on_and_nothing_is_sent(string from)
    {
        await using var line = await CheckInLine.StartAsync();
        var phone = line.Phone(from);
        await phone.TextAsync("hi");

        Assert.Equal(English.CheckInUnavailable, await phone.TextAsync("CHECK 30"));
        Assert.Equal(English.CheckInUnavailable, await phone.TextAsync("BUDDY +16305558399 Ana"));
        await line.AdvanceAsync(TimeSpan.FromMinutes(45));

        Assert.Empty(line.Fake.Messages);
    }

    [Theory]
    [InlineData("+16305558302")]
    [InlineData("+447700900123")]
    public async Task A_phone_number_in_international_form_from_any_country_still_gets_its_check_in(string from)
    {
        await using var line = await CheckInLine.StartAsync();
        var phone = line.Phone(from);
        await phone.TextAsync("hi");

        Assert.NotEqual(English.CheckInUnavailable, await phone.TextAsync("CHECK 30"));
        await line.AdvanceAsync(TimeSpan.FromMinutes(31));

        Assert.Equal([English.CheckInDue], line.SentTo(from));
    }
}
