using System.Security.Cryptography;
using System.Text;
using WestmontTextLine.Records;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// That a texter asked someone to be her safety contact in the last <see cref="CheckInService.ContactRequestsEvery"/>:
/// a record of its own that holds nothing (its existence and expiry are the mark), so BUDDY OFF, STOP and START, or
/// FORGET between two BUDDY texts do not lift the one-a-day limit. The limit once lived in her plan alone, which
/// each of those deletes: one number could ask a stranger a minute. The key is a hash of her keyed hash with this
/// purpose, so the store holds neither her number nor the key her other records are under.
/// </summary>
public sealed class ContactRequestMarks(IPrivateRecords records, TimeProvider time)
{
    public const string Kind = "contact-asked";

    public async Task<bool> AskedRecentlyAsync(string texterKey, CancellationToken cancellationToken) =>
        await records.GetAsync(Kind, KeyOf(texterKey), time.GetUtcNow(), cancellationToken) is not null;

    /// <summary>Notes a request now, for <see cref="CheckInService.ContactRequestsEvery"/>.</summary>
    public async Task MarkAsync(string texterKey, CancellationToken cancellationToken)
    {
        var key = KeyOf(texterKey);
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var now = time.GetUtcNow();
            var stored = await records.GetAsync(Kind, key, now, cancellationToken);
            if (await records.TryPutAsync(Kind, key, [], stored?.Version ?? 0, now + CheckInService.ContactRequestsEvery, now, cancellationToken)) return;
        }
    }

    /// <summary>Her request could not reach the contact: she may name someone else at once.</summary>
    public Task LiftAsync(string texterKey, CancellationToken cancellationToken) => records.DeleteAsync(Kind, KeyOf(texterKey), cancellationToken);

    private static string KeyOf(string texterKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes($"{Kind}\n{texterKey}")));
}
