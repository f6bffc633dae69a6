using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace WestmontTextLine.Console;

/// <summary>
/// The console's data-protection key manager, with a way to make this instance read its keys again
/// (<see cref="ReadAgain"/>). Data protection reads them again on its own only when this instance changes them, once a
/// day, or, for a key it does not know, in the first two minutes after it started: a key another instance wrote to
/// Redis later (after Redis lost its data, say) was unreadable here for up to a day. See <see cref="ConsoleKeysWatch"/>.
/// </summary>
public sealed class ReloadableKeyManager(IKeyManager keys) : IKeyManager
{
    private CancellationTokenSource _readAgain = new();

    /// <summary>The key ring this instance holds is stale: the next use starts reading the keys again.</summary>
    public void ReadAgain() => Interlocked.Exchange(ref _readAgain, new CancellationTokenSource()).Cancel();

    // One linked source each time the key ring is read (rarely: a key change, once a day), never disposed: the key
    // ring holds its token for as long as it is current.
    public CancellationToken GetCacheExpirationToken() =>
        CancellationTokenSource.CreateLinkedTokenSource(keys.GetCacheExpirationToken(), Volatile.Read(ref _readAgain).Token).Token;

    public IKey CreateNewKey(DateTimeOffset activationDate, DateTimeOffset expirationDate) => keys.CreateNewKey(activationDate, expirationDate);

    public IReadOnlyCollection<IKey> GetAllKeys() => keys.GetAllKeys();

    public void RevokeAllKeys(DateTimeOffset revocationDate, string? reason = null) => keys.RevokeAllKeys(revocationDate, reason);

    public void RevokeKey(Guid keyId, string? reason = null) => keys.RevokeKey(keyId, reason);

    /// <summary>The ids of the keys among stored data-protection elements (the rest are revocations).</summary>
    public static IEnumerable<Guid> KeyIds(IEnumerable<string> elements) =>
        elements.Select(XElement.Parse).Where(element => element.Name == "key")
            .Select(key => (string?)key.Attribute("id")).OfType<string>().Select(Guid.Parse);
}
