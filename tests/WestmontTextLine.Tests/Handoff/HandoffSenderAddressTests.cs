namespace WestmontTextLine.Tests.Handoff;

/// <summary>
/// Staff answer by SMS from the line's number. A texter writing from an address that cannot be texted that way (a
/// WhatsApp address, a sender's name) is told honestly that no one can text her, not that someone will.
/// </summary>
public sealed class HandoffSenderAddressTests
{
    [Theory]
    [InlineData("whatsapp:+16305558401")]
    [InlineData("ACMEBANK")]
    public async Task Talk_from_an_address_staff_cannot_text_opens_nothing_and_gives_911_and_the_hotline(string from)
    {
        await using var line = await HandoffLine.StartAsync();
        var phone = line.Phone(from);
        await phone.TextAsync("hi");

        var reply = await phone.TextAsync("TALK");

        Assert.NotEqual(HandoffLine.English.HandoffOpen, reply);
        Assert.Contains("911", reply);
        Assert.Contains("1-888-373-7888", reply);
        Assert.Empty(await line.Inbox.ListOpenAsync());
    }

    [Fact]
    public async Task Talk_from_a_phone_number_of_another_country_still_reaches_staff()
    {
        await using var line = await HandoffLine.StartAsync();
        var phone = line.Phone("+447700900123");

        Assert.Equal(HandoffLine.English.HandoffOpen, await phone.TextAsync("TALK"));
        await line.OnlyOpenAsync();
    }
}
