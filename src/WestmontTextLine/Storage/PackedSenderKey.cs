using System.Buffers;
using System.Buffers.Binary;

namespace WestmontTextLine.Storage;

/// <summary>
/// A sender key as the SQLite store holds it in memory. A key <see cref="Senders.SenderKeys"/> made (64 lowercase hex
/// digits) is kept as its 32 bytes, in four numbers, so the store's maps and its ring of unfolded rows hold no string.
/// Every text brings its key as a new string; kept until the sender's change was folded (seconds), those strings and
/// the entries that held them were most of what the garbage collector copied from gen0 to gen1 and on under load. Any
/// other key (tests, a key of another shape) is kept as its string.
/// </summary>
internal readonly struct PackedSenderKey : IEquatable<PackedSenderKey>
{
    private const int HexDigits = 64;
    private static readonly SearchValues<char> LowercaseHexDigits = SearchValues.Create("0123456789abcdef");

    private readonly ulong _first;
    private readonly ulong _second;
    private readonly ulong _third;
    private readonly ulong _fourth;
    private readonly string? _unpacked;

    private PackedSenderKey(ulong first, ulong second, ulong third, ulong fourth, string? unpacked)
    {
        _first = first;
        _second = second;
        _third = third;
        _fourth = fourth;
        _unpacked = unpacked;
    }

    public static PackedSenderKey Of(string senderKey)
    {
        if (!IsLowercaseHex(senderKey)) return new PackedSenderKey(0, 0, 0, 0, senderKey);
        Span<byte> bytes = stackalloc byte[HexDigits / 2];
        Convert.FromHexString(senderKey, bytes, out _, out _);
        return new PackedSenderKey(
            BinaryPrimitives.ReadUInt64LittleEndian(bytes),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]),
            unpacked: null);
    }

    /// <summary>The key as given to <see cref="Of"/>.</summary>
    public override string ToString()
    {
        if (_unpacked is not null) return _unpacked;
        Span<byte> bytes = stackalloc byte[HexDigits / 2];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, _first);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], _second);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[16..], _third);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[24..], _fourth);
        return Convert.ToHexStringLower(bytes);
    }

    public bool Equals(PackedSenderKey other) =>
        _first == other._first && _second == other._second && _third == other._third && _fourth == other._fourth &&
        string.Equals(_unpacked, other._unpacked, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is PackedSenderKey other && Equals(other);

    // A packed key is an HMAC under the line's secret privacy key: its bits are already uniform, and nobody without the
    // key can choose keys that collide.
    public override int GetHashCode() => _unpacked?.GetHashCode(StringComparison.Ordinal) ?? (int)_first ^ (int)(_first >> 32);

    // Only the canonical form packs: a key in capitals would come back in lowercase, and be another key.
    private static bool IsLowercaseHex(string key) => key.Length == HexDigits && !key.AsSpan().ContainsAnyExcept(LowercaseHexDigits);
}
