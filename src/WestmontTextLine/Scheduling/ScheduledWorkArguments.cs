using System.Buffers;

namespace WestmontTextLine.Scheduling;

/// <summary>The checks every <see cref="IScheduledWork"/> makes of its arguments, so the stores agree on what they accept.</summary>
internal static class ScheduledWorkArguments
{
    public const int MaxKindLength = 32;

    // A kind is part of a Redis key name and of an index: short and plain.
    private static readonly SearchValues<char> KindCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789_-");

    public static void Check(string kind, string id)
    {
        Check(kind);
        ArgumentException.ThrowIfNullOrEmpty(id);
    }

    public static void Check(string kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        if (kind.Length > MaxKindLength || kind.AsSpan().ContainsAnyExcept(KindCharacters))
        {
            throw new ArgumentException($"A kind of scheduled work is 1 to {MaxKindLength} of a-z, 0-9, _ and -: \"{kind}\".", nameof(kind));
        }
    }

    public static void CheckClaim(string kind, int max, TimeSpan lease)
    {
        Check(kind);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        if (lease < TimeSpan.FromMilliseconds(1)) throw new ArgumentOutOfRangeException(nameof(lease), "A lease lasts at least a millisecond.");
    }
}
