using System.Buffers;

namespace WestmontTextLine.Storage;

/// <summary>
/// What a kind of private record or of scheduled work may be called. A kind is part of a Redis key name and of a
/// table's key or index: short and plain.
/// </summary>
internal static class StoreKinds
{
    public const int MaxLength = 32;

    private static readonly SearchValues<char> Characters = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789_-");

    public static bool IsValid(string kind) => kind.Length is > 0 and <= MaxLength && !kind.AsSpan().ContainsAnyExcept(Characters);

    /// <summary>Throws unless the kind is valid; <paramref name="whatKind"/> names the store's items in the message.</summary>
    public static void Check(string kind, string whatKind)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        if (!IsValid(kind))
        {
            throw new ArgumentException($"A kind of {whatKind} is 1 to {MaxLength} of a-z, 0-9, _ and -: \"{kind}\".", nameof(kind));
        }
    }
}
