using System.Security.Cryptography;
using System.Text;
using WestmontTextLine.Senders;

namespace WestmontTextLine.Tests.Privacy;

/// <summary>A sender's key: the HMAC of her number written one way, whichever way she (or Twilio) wrote it.</summary>
public sealed class SenderKeysTests
{
    private static readonly byte[] PrivacyKey = "sender-keys-test-privacy-key"u8.ToArray();
    private static readonly SenderKeys Keys = new(PrivacyKey);

    [Theory]
    [InlineData("+16305550100", "+16305550100")]
    [InlineData("+1 (630) 555-0100", "+16305550100")]
    [InlineData("  +1.630.555.0100\t", "+16305550100")]
    [InlineData("1+630+555+0100", "16305550100")] // only a leading plus counts
    [InlineData("WhatsApp:+16305550100", "whatsapp:16305550100")] // a plus after the channel is dropped, as always
    [InlineData("Messenger:Ünïcode", "messenger:ünïcode")] // letters beyond ASCII are kept, lowercased
    [InlineData("", "")]
    public void The_key_is_the_hmac_of_the_number_written_one_way(string written, string normalized)
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(PrivacyKey, Encoding.UTF8.GetBytes(normalized)));

        Assert.Equal(expected, Keys.KeyOf(written));
    }

    [Fact]
    public void A_long_sender_id_is_keyed_like_a_short_one()
    {
        var written = "whatsapp:" + new string('7', 200);

        Assert.Equal(Convert.ToHexStringLower(HMACSHA256.HashData(PrivacyKey, Encoding.UTF8.GetBytes(written))), Keys.KeyOf(written));
    }
}
