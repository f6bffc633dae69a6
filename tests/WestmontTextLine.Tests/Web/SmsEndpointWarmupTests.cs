using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Hosting;
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

    [Fact]
    public async Task The_first_real_text_after_the_warm_up_is_a_first_contact()
    {
        using var factory = new TextLineFactory();
        await factory.Services.GetRequiredService<SmsEndpointWarmup>().Completion;

        var reply = await factory.CreateTwilioClient("+10000000000").TextAsync("hi");

        Assert.Contains("Reply STOP to end", reply);
        Assert.Equal(1L, CountRows(factory.DatabasePath, StoredSenders));
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
