using System.Text.Json;
using WestmontTextLine.Records;

namespace WestmontTextLine.Console.Accounts;

/// <summary>
/// The list of every staff account's key, one record (kind "staff-index") changed by compare-and-set, for
/// `staff list` and the admin page. A name is added before its account is written and removed after its account is
/// deleted, so the index never misses an account; it may name one that a crash left half-made or half-removed, which
/// the listing skips.
/// </summary>
internal sealed class StaffIndex(IPrivateRecords records, TimeProvider time)
{
    public const string Kind = "staff-index";
    private const string Key = "all";
    private const int Attempts = 16;

    public async Task<IReadOnlyList<string>> KeysAsync(CancellationToken cancellationToken)
    {
        var stored = await records.GetAsync(Kind, Key, time.GetUtcNow(), cancellationToken);
        return stored is null ? [] : Read(stored.Payload);
    }

    public Task AddAsync(string key, CancellationToken cancellationToken) => ChangeAsync(keys => keys.Add(key), cancellationToken);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => ChangeAsync(keys => keys.Remove(key), cancellationToken);

    private async Task ChangeAsync(Func<SortedSet<string>, bool> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var now = time.GetUtcNow();
            var stored = await records.GetAsync(Kind, Key, now, cancellationToken);
            var keys = new SortedSet<string>(stored is null ? [] : Read(stored.Payload), StringComparer.Ordinal);
            if (!change(keys)) return;
            var payload = JsonSerializer.SerializeToUtf8Bytes([.. keys], StaffAccountsJson.Default.ListString);
            if (await records.TryPutAsync(Kind, Key, payload, stored?.Version ?? 0, expiresAt: null, now, cancellationToken)) return;
        }
        throw new InvalidOperationException($"The list of staff accounts kept changing; gave up after {Attempts} tries. Try again.");
    }

    private static List<string> Read(byte[] payload) => JsonSerializer.Deserialize(payload, StaffAccountsJson.Default.ListString) ?? [];
}
