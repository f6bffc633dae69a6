using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;

namespace WestmontTextLine.Console;

/// <summary>Waits for this instance's data-protection key ring to hold a key, after it was told its keys changed.</summary>
public static class ConsoleKeyRing
{
    /// <summary>How long the key ring may take to be read again; a store that slow has other faults to log.</summary>
    public static readonly TimeSpan ReadWithin = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Asks for the key ring until the one handed out holds the key. Told its keys changed, data protection reads them
    /// in the background and hands out the old ring meanwhile: a cookie or form signed then carried the old key.
    /// </summary>
    public static bool Holds(IKeyRingProvider ring, Guid keyId)
    {
        var giveUpAt = DateTime.UtcNow + ReadWithin;
        while (ring.GetCurrentKeyRing().GetAuthenticatedEncryptorByKeyId(keyId, out _) is null)
        {
            if (DateTime.UtcNow > giveUpAt) return false;
            Thread.Sleep(10);
        }
        return true;
    }
}
