using WestmontTextLine.Storage;

namespace WestmontTextLine.Scheduling;

/// <summary>The checks every <see cref="IScheduledWork"/> makes of its arguments, so the stores agree on what they accept.</summary>
internal static class ScheduledWorkArguments
{
    public static void Check(string kind, string id)
    {
        Check(kind);
        ArgumentException.ThrowIfNullOrEmpty(id);
    }

    public static void Check(string kind) => StoreKinds.Check(kind, "scheduled work");

    public static void CheckClaim(string kind, int max, TimeSpan lease)
    {
        Check(kind);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        if (lease < TimeSpan.FromMilliseconds(1)) throw new ArgumentOutOfRangeException(nameof(lease), "A lease lasts at least a millisecond.");
    }
}
