using WestmontTextLine.Senders;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Tests.Storage;

/// <summary>Sender keys as the SQLite store keeps them in memory: packed when they can be, and always given back as they came.</summary>
public sealed class PackedSenderKeyTests
{
    private static readonly SenderKeys Keys = new("packed-sender-key-test-privacy-key"u8.ToArray());

    [Fact]
    public void A_key_the_line_makes_comes_back_as_it_went_in_and_equals_only_itself()
    {
        var first = Keys.KeyOf("+16305550100");
        var second = Keys.KeyOf("+16305550101");

        Assert.Equal(first, PackedSenderKey.Of(first).ToString());
        Assert.Equal(PackedSenderKey.Of(first), PackedSenderKey.Of(new string(first.ToCharArray())));
        Assert.Equal(PackedSenderKey.Of(first).GetHashCode(), PackedSenderKey.Of(new string(first.ToCharArray())).GetHashCode());
        Assert.NotEqual(PackedSenderKey.Of(first), PackedSenderKey.Of(second));
    }

    [Fact]
    public void Keys_differing_only_in_their_last_bytes_stay_apart()
    {
        var key = new string('0', 63) + "1";
        var other = new string('0', 63) + "2";

        Assert.NotEqual(PackedSenderKey.Of(key), PackedSenderKey.Of(other));
        Assert.Equal(key, PackedSenderKey.Of(key).ToString());
    }

    [Theory]
    [InlineData("a")]
    [InlineData("")]
    // The same 32 bytes in capitals: packing it would give it back in lowercase, as another key.
    [InlineData("0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0")]
    // One capital, or one digit that is not ASCII, at the first or the last place (the check runs in vectors).
    [InlineData("A123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeF")]
    [InlineData("\uFF10123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde\u0663")]
    public void Any_other_key_is_kept_as_its_own_string(string key)
    {
        Assert.Equal(key, PackedSenderKey.Of(key).ToString());
        Assert.Equal(PackedSenderKey.Of(key), PackedSenderKey.Of(key));
        Assert.NotEqual(PackedSenderKey.Of(key), PackedSenderKey.Of(key.ToLowerInvariant() + "x"));
    }

    [Fact]
    public void A_key_in_capitals_and_the_same_key_in_lowercase_are_two_keys()
    {
        var lower = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

        Assert.NotEqual(PackedSenderKey.Of(lower), PackedSenderKey.Of(lower.ToUpperInvariant()));
    }
}
