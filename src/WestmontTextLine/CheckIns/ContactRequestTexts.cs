using System.Security.Cryptography;
using System.Text;
using WestmontTextLine.Outbound;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// Outbox ids for the texts of one request to be her contact (the request; "Your safety contact agreed"; "said no" or
/// "will not get texts from this line now"), made from her, the contact and the time she asked (they agreed, they
/// left), with the prefix the outbox sends once however often they are queued
/// (<see cref="SentOnceTexts"/>): a text sent again after the fallback queues them again, and each still goes out once.
/// Letters and digits only: no keyed hash of hers or theirs in the status callback's URL or the logs.
/// </summary>
public static class ContactRequestTexts
{
    public static string RequestId(string texterKey, string contactKey, DateTimeOffset askedAt) => IdOf("br", texterKey, contactKey, askedAt);

    public static string AgreedId(string texterKey, string contactKey, DateTimeOffset agreedAt) => IdOf("ba", texterKey, contactKey, agreedAt);

    public static string LeftId(string texterKey, string contactKey, DateTimeOffset leftAt) => IdOf("bl", texterKey, contactKey, leftAt);

    /// <summary>
    /// Whether a text first queued then may still be queued again: the outbox remembers a sent one for
    /// <see cref="SentOnceTexts.RememberFor"/>, and one older than that queued again could go out twice.
    /// </summary>
    public static bool MayQueueAgain(DateTimeOffset queuedAt, DateTimeOffset now) => now - queuedAt < SentOnceTexts.RememberFor - TimeSpan.FromDays(1);

    private static string IdOf(string what, string texterKey, string contactKey, DateTimeOffset at) =>
        SentOnceTexts.IdFor(what + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{texterKey}\n{contactKey}\n{at.ToUnixTimeMilliseconds()}")))[..40]);
}
