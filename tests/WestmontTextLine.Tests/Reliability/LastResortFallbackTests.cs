using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Reliability;

/// <summary>
/// What a conversation's own fault handling lets through still gets the safety fallback, not an error page: found when
/// a full disk refused a spool's line as the fallback was written, and the text got a 500. Here the fault handling
/// itself fails on a store's exception that cannot be read.
/// </summary>
public class LastResortFallbackTests
{
    [Fact]
    public async Task A_fault_inside_the_fault_handling_still_gets_the_fallback()
    {
        await using var factory = new TextLineFactory
        {
            TestServices = services => services.AddSingleton<ISessionStore>(provider =>
                new FaultySessionStore(new SqliteSessionStore(provider.GetRequiredService<SqliteWriter>()))
                {
                    Mode = FaultySessionStore.Fault.Throw,
                    Throws = () => new UnreadableFault(),
                }),
        };
        var twilio = factory.CreateTwilioClient("+16305550412");

        FallbackReply.AssertIsFallback(await twilio.TextAsync("hi"));
        Assert.Contains("answering it failed outside the conversation's own protection (InvalidOperationException); gave the fallback", factory.Logs.All);
    }

    /// <summary>An exception whose message throws as the fault is logged.</summary>
    private sealed class UnreadableFault : Exception
    {
        public override string Message => throw new InvalidOperationException("unreadable");
    }
}
