using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Support;

/// <summary>
/// SQLite's own page limit standing in for a full disk: no new page (SQLITE_FULL, as a full disk gives), while
/// rewriting a row in place still works.
/// </summary>
public static class DatabasePageLimit
{
    /// <summary>
    /// Caps the database at its size now; new texters (numbers from the prefix) text until one gets the fallback because
    /// her own rows found no room. A fallback whose batch held other writes proves nothing of the session log: those
    /// writes (the workers' first sweeps and claims at start, a fold) can need a page where her row still fit in the
    /// log's last one, and the next new texter was then answered (seen in 3 of 20 runs on a loaded machine). The factory
    /// must not fold its session log (<see cref="TextLineFactory.FoldsSessionLog"/>), or the disk would not stay full.
    /// </summary>
    public static async Task<SqliteWriter> FillAsync(TextLineFactory factory, string numbersFrom)
    {
        Assert.False(factory.FoldsSessionLog, "a fold of the session log frees pages: the disk would not stay full (FoldsSessionLog = false)");
        var writer = factory.Services.GetRequiredService<SqliteWriter>();
        Cap(writer);
        using var batches = new TextBatchWatch(writer);
        var full = false;
        for (var sender = 0; sender < 500 && !full; sender++)
        {
            var refusedBefore = SavesRefusedForRoom(factory);
            var reply = await factory.CreateTwilioClient($"{numbersFrom}{sender:D4}").TextAsync("hi");
            full = FallbackReply.IsFallback(reply) && batches.LastSaveBatchHeldTextsOnly && SavesRefusedForRoom(factory) > refusedBefore;
        }
        Assert.True(full, "no new texter's own rows found the database full");
        return writer;
    }

    // Her text's storage fault, as the line logs it before it answers: the disk was full, not a budget that ran out.
    private static int SavesRefusedForRoom(TextLineFactory factory) =>
        factory.Logs.Lines.Count(line => line.Contains("storage fault SqliteException: ", StringComparison.Ordinal) &&
            line.Contains("database or disk is full", StringComparison.Ordinal));

    /// <summary>No room for a new page from now: the database capped at its size now.</summary>
    public static void Cap(SqliteWriter writer)
    {
        var pages = writer.Prepare(connection => Pragma(connection, "PRAGMA page_count"));
        writer.Prepare(connection => Pragma(connection, $"PRAGMA max_page_count = {pages}"));
    }

    /// <summary>Room again: the limit lifted.</summary>
    public static void Lift(SqliteWriter writer) => writer.Prepare(connection => Pragma(connection, $"PRAGMA max_page_count = {int.MaxValue}"));

    private static long Pragma(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragma;
        return Convert.ToInt64(command.ExecuteScalar());
    }
}
