using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using WestmontTextLine.Records;

namespace WestmontTextLine.Console.Accounts;

/// <summary>
/// Wrong passwords at sign-in, counted per name typed and client address: <see cref="PerAddress"/> of them within
/// <see cref="LockFor"/> lock that name's password out for that address alone, for <see cref="LockFor"/> from the last
/// one. Someone who knows a staff name can so lock only their own address out; the account itself is locked for
/// everyone only after <see cref="AcrossAddresses"/> wrong passwords from any addresses
/// (<see cref="StaffUserManager.PasswordFailedAsync"/>), which still bounds guessing from many addresses.
/// <para>
/// Each count is a private record (kind <see cref="Kind"/>) in the line's store, SQLite or Redis, so every instance
/// sees the same counts; it expires by itself. Its key is an HMAC, under the line's privacy key, of the name as typed
/// (normalised), the account's password hash (so a new password starts afresh) and the address (an IPv6 address by its
/// /64, which one machine holds whole): the store holds no name typed and no address.
/// </para>
/// </summary>
public sealed class PasswordGuesses(IPrivateRecords records, TimeProvider time, byte[] key)
{
    public const string Kind = "signin-guesses";
    public const int PerAddress = 5;
    public const int AcrossAddresses = 20;
    public static readonly TimeSpan LockFor = TimeSpan.FromMinutes(15);

    private const int Attempts = 8;

    /// <summary>The record key for this name typed (already normalised), the account's password hash (none for no account) and address.</summary>
    public string KeyFor(string normalizedName, string? passwordHash, IPAddress? address)
    {
        var text = $"console-signin\n{normalizedName}\n{passwordHash}\n{AddressPart(address)}";
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Whether this name's password is locked out for this address now.</summary>
    public async Task<bool> IsLockedAsync(string recordKey, CancellationToken cancellationToken = default)
    {
        var record = await records.GetAsync(Kind, recordKey, time.GetUtcNow(), cancellationToken);
        return record is not null && CountOf(record) >= PerAddress;
    }

    /// <summary>Counts one wrong password; true when it locks the address out.</summary>
    public async Task<bool> FailedAsync(string recordKey, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow();
            var record = await records.GetAsync(Kind, recordKey, now, cancellationToken);
            var count = (record is null ? 0 : CountOf(record)) + 1;
            // The window starts at the first failure; the fifth locks for the full time from itself.
            var expiresAt = count >= PerAddress || record?.ExpiresAt is not { } ends || ends <= now ? now + LockFor : ends;
            var payload = new byte[sizeof(int)];
            BinaryPrimitives.WriteInt32BigEndian(payload, count);
            if (await records.TryPutAsync(Kind, recordKey, payload, record?.Version ?? 0, expiresAt, now, cancellationToken)) return count >= PerAddress;
            if (attempt == Attempts) return false;
        }
    }

    /// <summary>A right password from this address: its earlier mistakes no longer count.</summary>
    public Task ForgetAsync(string recordKey, CancellationToken cancellationToken = default) =>
        records.DeleteAsync(Kind, recordKey, cancellationToken);

    private static int CountOf(PrivateRecord record) =>
        record.Payload.Length == sizeof(int) ? BinaryPrimitives.ReadInt32BigEndian(record.Payload) : PerAddress;

    private static string AddressPart(IPAddress? address)
    {
        if (address is null) return "none";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        bytes.AsSpan(8).Clear();
        return new IPAddress(bytes) + "/64";
    }
}
