using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Hosting;
using WestmontTextLine.Sms;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.Web;

public class SmsEndpointWarmupTests
{
    [Fact]
    public async Task The_start_up_text_runs_the_whole_sms_path_and_leaves_no_trace()
    {
        using var factory = new TextLineFactory();
        var warmup = factory.Services.GetRequiredService<SmsEndpointWarmup>();

        // 200 means it passed the signature check and got a reply from the handler, not a 403 from the filter.
        Assert.Equal(200, await warmup.Completion);

        Assert.Equal(0L, CountRows(factory.DatabasePath, StoredSenders));
        Assert.Equal(0L, CountRows(factory.DatabasePath, "usage"));
        Assert.False(factory.Services.GetRequiredService<UsageRecorder>().Reader.TryPeek(out _), "a usage tally is waiting");
        Assert.DoesNotContain("SMwarmup", factory.Logs.All);
    }

    /// <summary>
    /// Found from outside: a line's log said, at its first text, "Texts are answered again: 1 text(s) got the fallback for
    /// a storage fault over 0 s", with no fault before it. The warm-up's text had got the fallback (here: its budget out
    /// at once; on a loaded machine, a slow first run), and its conversation service shared the line's run of fallbacks.
    /// </summary>
    [Fact]
    public async Task A_warm_up_that_got_the_fallback_leaves_no_run_of_fallbacks_for_the_line_to_end()
    {
        var budgets = 0;
        using var factory = new TextLineFactory
        {
            TestServices = services => services.AddSingleton(new WestmontTextLine.Conversations.ConversationBudget(
                () => Interlocked.Increment(ref budgets) == 1 ? TimeSpan.Zero : TimeSpan.FromSeconds(30))),
        };
        await factory.Services.GetRequiredService<SmsEndpointWarmup>().Completion;
        Assert.Equal(1, budgets);

        Assert.Contains("Reply STOP to end", await factory.CreateTwilioClient(TestNumbers.Next()).TextAsync("hi"));

        Assert.DoesNotContain(factory.Logs.Lines, line => line.Contains("Texts are answered again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_first_real_text_after_the_warm_up_is_a_first_contact()
    {
        using var factory = new TextLineFactory();
        await factory.Services.GetRequiredService<SmsEndpointWarmup>().Completion;

        var reply = await factory.CreateTwilioClient("+10000000000").TextAsync("hi");

        Assert.Contains("Reply STOP to end", reply);
        Assert.Equal(1L, CountRows(factory.DatabasePath, StoredSenders));
    }

    [Fact]
    public async Task The_warm_up_closes_its_store_only_once_the_line_has_answered_a_text()
    {
        using var factory = new TextLineFactory
        {
            // Only the first answer counts, however slow the machine.
            TestServices = services => services.AddSingleton(new WorkerStartSignal(Timeout.InfiniteTimeSpan)),
        };
        var warmup = factory.Services.GetRequiredService<SmsEndpointWarmup>();
        Assert.Equal(200, await warmup.Completion);
        Assert.False(warmup.StoreClosed.IsCompleted, "the warm-up closed its store before the line answered a text");

        await factory.CreateTwilioClient(TestNumbers.Next()).TextAsync("hi");

        await warmup.StoreClosed.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_warm_up_that_ends_after_a_forged_request_leaves_the_refusal_on_healthz()
    {
        // The warm-up runs while the line starts; a forged request refused before it ended was cleared by it, as if
        // Twilio's own signed text had come (seen as a flaky HealthForStrangersTests on a loaded machine).
        using var factory = new TextLineFactory();
        var warmup = factory.Services.GetRequiredService<SmsEndpointWarmup>();
        await warmup.Completion;
        var client = factory.CreateClient();
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/sms")
        {
            Content = new FormUrlEncodedContent([new("From", "+16305550631"), new("Body", "hi")]),
        };
        forged.Headers.Add("X-Twilio-Signature", "AAAA");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(forged)).StatusCode);

        warmup.Start(new EndpointsOf(factory.Services));
        Assert.Equal(200, await warmup.Completion);

        var health = await (await client.GetAsync("/healthz")).Content.ReadAsStringAsync();
        Assert.Contains("Degraded: webhook: 1 request refused for their X-Twilio-Signature", health);
    }

    [Fact]
    public async Task The_start_up_text_is_routed_as_a_text_from_twilio_is()
    {
        // ASP.NET Core builds a route table's matcher on the first request it routes: routed, the warm-up's text has that
        // code compiled before Twilio's first text (bench/README.md).
        using var factory = new TextLineFactory { Settings = { ["Logging:LogLevel:Microsoft.AspNetCore.Routing"] = "Debug" } };

        Assert.Equal(200, await factory.Services.GetRequiredService<SmsEndpointWarmup>().Completion);

        Assert.Contains(factory.Logs.Lines, line => line.Contains("Request matched endpoint") && line.Contains(SmsEndpoint.Path));
    }

    /// <summary>The running line's endpoints, as its WebApplication gives them, for starting the warm-up again in a test.</summary>
    private sealed class EndpointsOf(IServiceProvider services) : IEndpointRouteBuilder
    {
        public IServiceProvider ServiceProvider => services;

        public ICollection<EndpointDataSource> DataSources { get; } =
            ((CompositeEndpointDataSource)services.GetRequiredService<EndpointDataSource>()).DataSources.ToList();

        public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(services);
    }

    // A sender's session is in the session log until it is folded into the sessions table.
    private const string StoredSenders = "(SELECT sender_key FROM sessions UNION SELECT sender_key FROM session_log)";

    private static long CountRows(string databasePath, string table)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }
}
