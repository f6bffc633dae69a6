using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Console;

/// <summary>
/// When Redis has lost the line's data (<see cref="StoreDataLoss"/>), the console's cookie keys went with it, but this
/// instance still signs cookies and forms with the key it keeps in memory, which no other instance can now read: found
/// with two instances, a staff member signed in on the one that ran before the loss was sent back to the sign-in page
/// by the other, and a form posted there was refused, until the first one happened to read a cookie of the other's
/// (or for up to a day). So a new key is made at once and written to Redis: this instance signs with it from then on,
/// and the other instances read it from Redis at once, told so (<see cref="ConsoleKeysWritten"/>), or within 10 seconds
/// (<see cref="ConsoleKeysWatch"/>). Cookies signed
/// before the loss end (their accounts went with Redis too).
/// <para>
/// Data protection, told that its keys changed, swaps its key ring in the background and meanwhile hands out the old
/// one: the next cookie or form was still signed with the lost key, which no instance, this one included, could read
/// (a sign-in right after the loss was refused at its second step). So the new key is logged as made only once this
/// instance's key ring holds it.
/// </para>
/// </summary>
public static class ConsoleKeysAfterDataLoss
{
    /// <summary>How long a key made so stays the one that signs; data protection's own default.</summary>
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromDays(90);

    /// <param name="console">The console's services, once they are built (an instance whose console was never used has no key in memory).</param>
    public static void Watch(IServiceProvider console)
    {
        var loss = console.GetRequiredService<StoreDataLoss>();
        var keys = console.GetRequiredService<IKeyManager>();
        var ring = console.GetRequiredService<IKeyRingProvider>();
        var logger = console.GetRequiredService<ILoggerFactory>().CreateLogger("Console");
        loss.Lost += () =>
        {
            try
            {
                var now = DateTimeOffset.UtcNow;
                var key = keys.CreateNewKey(now, now + KeyLifetime);
                if (!ConsoleKeyRing.Holds(ring, key.KeyId))
                {
                    logger.LogWarning("Console: a new sign-in key was made after Redis lost its data, but this instance did not take it up " +
                        "within {Seconds} s; restart this instance", ConsoleKeyRing.ReadWithin.TotalSeconds);
                    return;
                }
                logger.LogWarning("Console: a new sign-in key was made, since Redis lost the old one; staff sign in again");
            }
            catch (Exception ex)
            {
                logger.LogWarning("Console: no new sign-in key could be made after Redis lost its data: {Fault}; restart this instance", ex.GetType().Name);
            }
        };
    }
}
