using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Reliability;

/// <summary>
/// A store's exception message is not the line's to trust: StackExchange.Redis names the key of a timed-out command
/// (wtl:session:&lt;the keyed hash in full&gt;), and a driver may quote a value it was given. The storage-fault log line
/// carries the fault's type and a scrubbed message, never the full keyed hash or anything shaped like a number.
/// </summary>
public class StoreFaultLogTests
{
    private const string PhoneNumber = "+16305550398";

    [Fact]
    public async Task A_store_fault_that_quotes_the_key_and_a_number_logs_neither()
    {
        string? keyInFault = null;
        await using var factory = new TextLineFactory
        {
            TestServices = services => services.AddSingleton<ISessionStore>(provider =>
                new QuotingFaultStore(new SqliteSessionStore(provider.GetRequiredService<SqliteWriter>()), key => keyInFault = key)),
        };
        var twilio = factory.CreateTwilioClient(PhoneNumber);

        FallbackReply.AssertIsFallback(await twilio.TextAsync("hi"));

        var logs = factory.Logs.All;
        Assert.NotNull(keyInFault);
        Assert.Contains("storage fault TimeoutException", logs);
        Assert.Contains(WestmontTextLine.Logging.LogTag.Of(keyInFault), logs);
        Assert.DoesNotContain(keyInFault[..8], logs);
        Assert.DoesNotContain(keyInFault, logs);
        Assert.DoesNotContain("6305550398", logs);
    }

    /// <summary>Fails every load the way a Redis timeout does, naming the key it was asked for and a number.</summary>
    private sealed class QuotingFaultStore(ISessionStore inner, Action<string> sawKey) : ForwardingSessionStore(inner)
    {
        public override Task<Session?> LoadAsync(string senderKey, CancellationToken cancellationToken = default)
        {
            sawKey(senderKey);
            throw new TimeoutException($"Timeout performing HGETALL (5000ms), inst: 1, key: wtl:session:{senderKey}, arg: {PhoneNumber}");
        }
    }
}
