using System.Security.Cryptography;
using System.Text;
using WestmontTextLine.Privacy;

namespace WestmontTextLine.Tests.Privacy;

public class PersonalDataCipherTests
{
    private readonly PersonalDataCipher _cipher = new("test-privacy-key"u8.ToArray());

    [Fact]
    public void A_number_round_trips_and_its_digits_are_not_in_the_stored_bytes()
    {
        var stored = _cipher.Encrypt("+16305550123", "checkin:abc");

        Assert.Equal("+16305550123", _cipher.Decrypt(stored, "checkin:abc"));
        Assert.Equal(-1, stored.AsSpan().IndexOf("6305550123"u8));
    }

    [Fact]
    public void The_same_number_encrypts_differently_each_time()
    {
        Assert.NotEqual(_cipher.Encrypt("+16305550123", "x"), _cipher.Encrypt("+16305550123", "x"));
    }

    [Fact]
    public void A_value_moved_to_another_item_or_changed_does_not_decrypt()
    {
        var stored = _cipher.Encrypt("+16305550123", "checkin:abc");
        var tampered = (byte[])stored.Clone();
        tampered[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => _cipher.Decrypt(stored, "checkin:other"));
        Assert.ThrowsAny<CryptographicException>(() => _cipher.Decrypt(tampered, "checkin:abc"));
        Assert.ThrowsAny<CryptographicException>(() => new PersonalDataCipher(Encoding.UTF8.GetBytes("another key")).Decrypt(stored, "checkin:abc"));
    }
}
