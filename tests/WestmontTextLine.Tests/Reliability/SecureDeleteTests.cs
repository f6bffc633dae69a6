using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Sms;
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
        Checkpoint(factory.DatabasePath);
        Assert.True(FilesContain(factory.DatabasePath, senderKey), "the test must see the key before FORGET");

        await twilio.TextAsync("FORGET");
        Checkpoint(factory.DatabasePath);

        Assert.False(FilesContain(factory.DatabasePath, senderKey), "the keyed hash is still in the database files");
        Assert.True(FilesContain(factory.DatabasePath, factory.Services.GetRequiredService<SenderKeys>().KeyOf(others[0].From)));
    }

    private static void Checkpoint(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        command.ExecuteNonQuery();
    }

    private static bool FilesContain(string databasePath, string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        return SqliteFiles.Suffixes.Select(suffix => databasePath + suffix).Where(File.Exists)
            .Any(file => ReadShared(file).AsSpan().IndexOf(needle) >= 0);
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
