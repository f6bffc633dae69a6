using WestmontTextLine.Storage;

namespace WestmontTextLine.Records;

/// <summary>The checks every <see cref="IPrivateRecords"/> makes of its arguments, so the stores agree on what they accept.</summary>
internal static class PrivateRecordArguments
{
    public static void Check(string kind, string key)
    {
        CheckKind(kind);
        ArgumentException.ThrowIfNullOrEmpty(key);
    }

    public static bool IsKind(string kind) => StoreKinds.IsValid(kind);

    public static void CheckKind(string kind) => StoreKinds.Check(kind, "private record");

    /// <summary>Checks a write's arguments; returns its times as Unix milliseconds, as every store keeps them.</summary>
    public static (long? ExpiresAt, long Now) CheckPut(string kind, string key, byte[] payload, long expectedVersion, DateTimeOffset? expiresAt,
        DateTimeOffset now)
    {
        Check(kind, key);
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        var nowMilliseconds = now.ToUnixTimeMilliseconds();
        var expiresAtMilliseconds = expiresAt?.ToUnixTimeMilliseconds();
        // A record that would be absent the moment it is written is a caller's mistake, not a write to report as done.
        if (expiresAtMilliseconds <= nowMilliseconds)
        {
            throw new ArgumentOutOfRangeException(nameof(expiresAt), expiresAt, $"A record must expire after now ({now:O}).");
        }
        return (expiresAtMilliseconds, nowMilliseconds);
    }
}
