using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Reliability;

/// <summary>
/// A save that keeps losing its version check (another instance writing the same sender's session, again and again)
/// is tried a few times; when every try loses, the texter still gets the fallback with the emergency numbers, never
/// silence.
/// </summary>
public class ConflictingSaveTests
{
    [Fact]
    public async Task A_session_that_keeps_changing_under_every_save_still_gets_the_fallback()
    {
        await using var factory = new TextLineFactory
        {
            TestServices = services => services.AddSingleton<ISessionStore>(provider =>
                new AlwaysConflictingStore(new SqliteSessionStore(provider.GetRequiredService<SqliteWriter>()))),
        };
        var twilio = factory.CreateTwilioClient("+16305550397");

        FallbackReply.AssertIsFallback(await twilio.TextAsync("hi"));
        Assert.Contains("session kept changing, gave the fallback", factory.Logs.All);
    }

    /// <summary>Every save loses its version check, as if another instance had just written the session.</summary>
    private sealed class AlwaysConflictingStore(ISessionStore inner) : ISessionStore
    {
        public Task<Session?> LoadAsync(string senderKey, CancellationToken cancellationToken = default) => inner.LoadAsync(senderKey, cancellationToken);

        public Task<bool> SaveAsync(string senderKey, Session session, DateTimeOffset? notAfter = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(false);

        public Task DeleteAsync(string senderKey, CancellationToken cancellationToken = default) => inner.DeleteAsync(senderKey, cancellationToken);

        public Task<int> PurgeIdleAsync(DateTimeOffset idleBefore, CancellationToken cancellationToken = default) =>
            inner.PurgeIdleAsync(idleBefore, cancellationToken);

        public Task PingAsync(CancellationToken cancellationToken = default) => inner.PingAsync(cancellationToken);
    }
}
