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
    /// <summary>Caps the database at its size now; new texters (numbers from the prefix) text until one gets the fallback.</summary>
    public static async Task<SqliteWriter> FillAsync(TextLineFactory factory, string numbersFrom)
    {
        var writer = factory.Services.GetRequiredService<SqliteWriter>();
        var pages = writer.Prepare(connection => Pragma(connection, "PRAGMA page_count"));
        writer.Prepare(connection => Pragma(connection, $"PRAGMA max_page_count = {pages}"));
        string? reply = null;
        for (var sender = 0; sender < 500 && !FallbackReply.IsFallback(reply); sender++)
        {
            reply = await factory.CreateTwilioClient($"{numbersFrom}{sender:D4}").TextAsync("hi");
        }
        FallbackReply.AssertIsFallback(reply);
        return writer;
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
