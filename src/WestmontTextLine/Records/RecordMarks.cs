using System.Security.Cryptography;
using System.Text;

namespace WestmontTextLine.Records;

/// <summary>
/// A mark: a private record that holds nothing, its existence and expiry the mark, under a hash of the key with the
/// kind, so the store holds neither a number nor the key the person's other records are under
/// (<c>TexterMarks</c>, <c>StopsOfHeldTexts</c>).
/// </summary>
internal static class RecordMarks
{
    /// <summary>How many times a mark is tried while its record keeps changing under it.</summary>
    public const int Tries = 8;

    public static string KeyOf(string kind, string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes($"{kind}\n{key}")));

    /// <summary>Marks <paramref name="key"/> now, for <paramref name="keptFor"/> (a mark already there moves on); false when the record kept changing through every try.</summary>
    public static async Task<bool> TryMarkAsync(this IPrivateRecords records, string kind, string key, TimeSpan keptFor, TimeProvider time, CancellationToken cancellationToken)
    {
        var hashed = KeyOf(kind, key);
        for (var attempt = 0; attempt < Tries; attempt++)
        {
            var now = time.GetUtcNow();
            var stored = await records.GetAsync(kind, hashed, now, cancellationToken);
            if (await records.TryPutAsync(kind, hashed, [], stored?.Version ?? 0, now + keptFor, now, cancellationToken)) return true;
        }
        return false;
    }
}
