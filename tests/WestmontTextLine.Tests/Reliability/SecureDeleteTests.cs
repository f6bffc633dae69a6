using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Sms;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;
using WestmontTextLine.Senders;

namespace WestmontTextLine.Tests.Reliability;

/// <summary>
/// FORGET leaves nothing of the sender in the SQLite file: not even the keyed hash, which anyone holding the privacy
/// key could match to a number.
/// </summary>
public class SecureDeleteTests
{
    [Fact]
    public async Task After_forget_and_a_checkpoint_the_keyed_hash_is_nowhere_in_the_database_files()
    {
        await using var factory = new TextLineFactory();
        var twilio = factory.CreateTwilioClient("+16305550195");
        var others = Enumerable.Range(0, 20).Select(i => factory.CreateTwilioClient($"+1630555{i + 1000:D4}")).ToList();
        foreach (var other in others) await other.TextAsync("hi");
        await twilio.TextAsync("hi");
        await twilio.TextAsync("3");
        var senderKey = factory.Services.GetRequiredService<SenderKeys>().KeyOf(twilio.From);
        SqliteFiles.Checkpoint(factory.DatabasePath);
        Assert.True(SqliteFiles.Contain(factory.DatabasePath, senderKey), "the test must see the key before FORGET");

        await twilio.TextAsync("FORGET");
        SqliteFiles.Checkpoint(factory.DatabasePath);

        Assert.False(SqliteFiles.Contain(factory.DatabasePath, senderKey), "the keyed hash is still in the database files");
        Assert.True(SqliteFiles.Contain(factory.DatabasePath, factory.Services.GetRequiredService<SenderKeys>().KeyOf(others[0].From)));
    }

    /// <summary>
    /// With a provider account FORGET also queues a request to withdraw her queued texts: it names her in the outbox
    /// only encrypted, so the keyed hash is still nowhere in the files once the line has emptied its WAL and a checkpoint
    /// has run.
    /// </summary>
    [Fact]
    public async Task With_a_provider_account_forget_queues_nothing_that_names_her_in_plain()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        await using var factory = new TextLineFactory().WithProvider(fake);
        var twilio = factory.CreateTwilioClient("+16305550197");
        await twilio.TextAsync("hi");
        await twilio.TextAsync("3");
        var senderKey = factory.Services.GetRequiredService<SenderKeys>().KeyOf(twilio.From);

        await twilio.TextAsync("FORGET");
        SqliteFiles.Checkpoint(factory.DatabasePath);

        Assert.False(SqliteFiles.Contain(factory.DatabasePath, senderKey), "the keyed hash is still in the database files");
    }

    /// <summary>
    /// With no checkpoint from outside: the line empties the WAL itself after a FORGET, since the deleted rows' older
    /// page images stay in its frames (secure_delete covers only the database file) until new writes reach them.
    /// </summary>
    [Fact]
    public async Task After_forget_the_line_itself_leaves_the_keyed_hash_nowhere_in_the_files_not_even_the_wal()
    {
        await using var factory = new TextLineFactory();
        var twilio = factory.CreateTwilioClient("+16305550196");
        await twilio.TextAsync("hi");
        await twilio.TextAsync("3");
        await twilio.TextAsync("1");
        var senderKey = factory.Services.GetRequiredService<SenderKeys>().KeyOf(twilio.From);
        Assert.True(SqliteFiles.Contain(factory.DatabasePath, senderKey), "the test must see the key before FORGET");

        await twilio.TextAsync("FORGET");

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (SqliteFiles.Contain(factory.DatabasePath, senderKey) && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.False(SqliteFiles.Contain(factory.DatabasePath, senderKey), "the keyed hash is still in the database or its WAL");
        Assert.Contains("Westmont Text Line", await twilio.TextAsync("hi"));
    }

}
