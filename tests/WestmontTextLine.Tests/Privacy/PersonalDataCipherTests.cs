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

    // Changing the key (TextLine:PreviousEncryptionKey): values sealed under the old key stay readable, new ones are
    // sealed under the new key alone, and rekey moves an old value over without touching one that is new already.
    private static readonly byte[] OldKey = "old-encryption-key-0123456789"u8.ToArray();
    private static readonly byte[] NewKey = "new-encryption-key-0123456789"u8.ToArray();

    [Fact]
    public void With_the_previous_key_set_a_value_the_old_key_sealed_still_opens_and_new_values_are_under_the_new_key()
    {
        var old = new PersonalDataCipher(OldKey).Encrypt("+16305550123", "safety-contact:abc");
        var changing = new PersonalDataCipher(NewKey, OldKey);

        Assert.Equal("+16305550123", changing.Decrypt(old, "safety-contact:abc"));
        Assert.Equal(SealedUnder.PreviousKey, changing.KeyOf(old, "safety-contact:abc"));
        var fresh = changing.Encrypt("+16305550123", "safety-contact:abc");
        Assert.Equal(SealedUnder.CurrentKey, changing.KeyOf(fresh, "safety-contact:abc"));
        Assert.Equal("+16305550123", new PersonalDataCipher(NewKey).Decrypt(fresh, "safety-contact:abc"));
        // Still bound to its item under either key.
        Assert.ThrowsAny<CryptographicException>(() => changing.Decrypt(old, "safety-contact:other"));
    }

    [Fact]
    public void Reseal_moves_an_old_value_to_the_new_key_and_leaves_a_new_one_alone()
    {
        var old = new PersonalDataCipher(OldKey).Encrypt("a body", "handoff:1");
        var changing = new PersonalDataCipher(NewKey, OldKey);

        var resealed = changing.Reseal(old, "handoff:1");

        Assert.NotNull(resealed);
        Assert.Equal("a body", new PersonalDataCipher(NewKey).Decrypt(resealed, "handoff:1"));
        Assert.Null(changing.Reseal(resealed, "handoff:1"));
        Assert.ThrowsAny<CryptographicException>(() => new PersonalDataCipher(OldKey).Decrypt(resealed, "handoff:1"));
    }

    [Fact]
    public void A_value_neither_key_opens_is_named_as_such_and_is_not_resealed()
    {
        var other = new PersonalDataCipher("a-third-key-0123456789"u8.ToArray()).Encrypt("x", "handoff:1");
        var changing = new PersonalDataCipher(NewKey, OldKey);

        Assert.Equal(SealedUnder.Neither, changing.KeyOf(other, "handoff:1"));
        Assert.ThrowsAny<CryptographicException>(() => changing.Decrypt(other, "handoff:1"));
        Assert.ThrowsAny<CryptographicException>(() => changing.Reseal(other, "handoff:1"));
    }

    [Fact]
    public void A_previous_key_that_is_the_current_one_or_empty_counts_as_none()
    {
        Assert.False(new PersonalDataCipher(NewKey, NewKey).HasPreviousKey);
        Assert.False(new PersonalDataCipher(NewKey, []).HasPreviousKey);
        Assert.False(new PersonalDataCipher(NewKey).HasPreviousKey);
        Assert.True(new PersonalDataCipher(NewKey, OldKey).HasPreviousKey);
    }
}
