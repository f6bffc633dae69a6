using Microsoft.AspNetCore.DataProtection.KeyManagement;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Console;

/// <summary>
/// When Redis has lost the line's data (<see cref="StoreDataLoss"/>), the console's cookie keys went with it, but this
/// instance still signs cookies and forms with the key it keeps in memory, which no other instance can now read: found
/// with two instances, a staff member signed in on the one that ran before the loss was sent back to the sign-in page
/// by the other, and a form posted there was refused, until the first one happened to read a cookie of the other's
/// (or for up to a day). So a new key is made at once and written to Redis: this instance signs with it from then on,
/// and the other instances read it from Redis when they first meet it. Cookies signed before the loss end (their
/// accounts went with Redis too).
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
        var logger = console.GetRequiredService<ILoggerFactory>().CreateLogger("Console");
        loss.Lost += () =>
        {
            try
            {
                var now = DateTimeOffset.UtcNow;
                keys.CreateNewKey(now, now + KeyLifetime);
                logger.LogWarning("Console: a new sign-in key was made, since Redis lost the old one; staff sign in again");
            }
            catch (Exception ex)
            {
                logger.LogWarning("Console: no new sign-in key could be made after Redis lost its data: {Fault}; restart this instance", ex.GetType().Name);
            }
        };
    }
}
