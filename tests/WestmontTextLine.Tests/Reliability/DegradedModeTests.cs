using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Reliability;

public class DegradedModeTests
{
    private static TextLineFactory FactoryWithFaultyStore() => new()
    {
        TestServices = services =>
        {
            services.AddSingleton<ISessionStore>(provider => new FaultySessionStore(new SqliteSessionStore(provider.GetRequiredService<SqliteWriter>())));
        },
    };

    [Theory]
    [InlineData(FaultySessionStore.Fault.Throw)]
    [InlineData(FaultySessionStore.Fault.Hang)]
    public async Task A_store_fault_still_answers_200_with_the_fallback_and_then_recovers(FaultySessionStore.Fault fault)
    {
        await using var factory = FactoryWithFaultyStore();
        var twilio = factory.CreateTwilioClient("+16305550170");
        await twilio.TextAsync("Hi");
        await twilio.TextAsync("3");
        var store = (FaultySessionStore)factory.Services.GetRequiredService<ISessionStore>();

        store.Mode = fault;
        var response = await twilio.PostAsync(twilio.Fields("1", twilio.NextSid()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        FallbackReply.AssertIsFallback(TwilioClient.ReplyOf(await response.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await factory.CreateClient().GetAsync("/healthz")).StatusCode);
        Assert.Contains("storage fault", factory.Logs.All);

        store.Mode = FaultySessionStore.Fault.None;
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/healthz")).StatusCode);
        var answer = await twilio.TextAsync("1");
        Assert.Equal(MenuReplies.After(3, 1), answer); // still in the health menu, where the texter was
    }

    [Fact]
    public async Task A_locked_sqlite_file_gives_the_fallback_not_an_error()
    {
        await using var factory = new TextLineFactory();
        var twilio = factory.CreateTwilioClient("+16305550171");
        await twilio.TextAsync("Hi");

        await using (var locker = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False"))
        {
            await locker.OpenAsync();
            await using (var exclusive = locker.CreateCommand())
            {
                exclusive.CommandText = "BEGIN EXCLUSIVE";
                await exclusive.ExecuteNonQueryAsync();
            }
            var response = await twilio.PostAsync(twilio.Fields("3", twilio.NextSid()));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            FallbackReply.AssertIsFallback(TwilioClient.ReplyOf(await response.Content.ReadAsStringAsync()));
        }

        Assert.Contains("Health and testing", await twilio.TextAsync("3"));
    }

    // "hola" is a Spanish keyword; the second has none, and "no" is English's NO too: the Spanish of the rest of her
    // words decides.
    [Theory]
    [InlineData("+16305550172", "hola")]
    [InlineData("+16305550173", "mi pareja me maltrata y no se que hacer")]
    public async Task The_fallback_is_in_spanish_when_the_text_is(string from, string text)
    {
        await using var factory = FactoryWithFaultyStore();
        var twilio = factory.CreateTwilioClient(from);
        ((FaultySessionStore)factory.Services.GetRequiredService<ISessionStore>()).Mode = FaultySessionStore.Fault.Throw;

        var reply = await twilio.TextAsync(text);

        Assert.Equal(EngineHarness.Flow.Languages["es"].Messages.Fallback, reply);
    }
}
