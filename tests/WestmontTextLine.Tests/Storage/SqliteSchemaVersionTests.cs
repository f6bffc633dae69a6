using Microsoft.Data.Sqlite;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// The schema version in PRAGMA user_version: an earlier build's file (version 0) is taken as it is and marked; a file
/// a newer build marked higher is refused and left as it was. Found from outside: a build without the session log,
/// started on a database a newer build had left after kill -9, answered from older rows and welcomed a texter who had
/// sent STOP; from this build on, an older build refuses a newer file instead.
/// </summary>
public sealed class SqliteSchemaVersionTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"textline-version-{Guid.NewGuid():N}.db");

    private string ConnectionString => $"Data Source={_path}";

    [Fact]
    public async Task A_database_of_an_earlier_build_keeps_its_opt_out_and_is_marked_with_the_current_version()
    {
        // As the build of 2026-11-26 (3e657cb) left it: sessions and usage only, user_version never set.
        Execute("""
            CREATE TABLE sessions (sender_key TEXT PRIMARY KEY, node TEXT NOT NULL, language TEXT NOT NULL,
                last_activity INTEGER NOT NULL, opted_out INTEGER NOT NULL, last_message_sid TEXT, last_reply TEXT,
                choices TEXT, version INTEGER NOT NULL);
            CREATE TABLE usage (day TEXT NOT NULL, metric TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (day, metric));
            INSERT INTO sessions VALUES ('stopped', 'main', 'es', 1796290000000, 1, 'SM1', NULL, NULL, 6);
            INSERT INTO usage VALUES ('2026-12-03', 'texts', 10);
            """);

        await using (var store = new SqliteSessionStore(ConnectionString))
        {
            var loaded = (await store.LoadAsync("stopped"))!;
            Assert.Equal(("main", "es", true, 6L), (loaded.Node, loaded.Language, loaded.OptedOut, loaded.Version));
        }

        Assert.Equal(SqliteSchemaVersion.Current, Scalar("PRAGMA user_version"));
        Assert.Equal(10L, Scalar("SELECT count FROM usage WHERE day = '2026-12-03' AND metric = 'texts'"));
    }

    [Fact]
    public void A_database_a_newer_build_marked_is_refused_and_left_as_it_was()
    {
        // In WAL mode, as every build of the line leaves its file.
        Execute($"""
            PRAGMA journal_mode = WAL;
            CREATE TABLE sessions (sender_key TEXT PRIMARY KEY, node TEXT NOT NULL);
            PRAGMA user_version = {SqliteSchemaVersion.Current + 1};
            """);
        var before = File.ReadAllBytes(_path);

        var refused = Assert.Throws<StorageUnavailableException>(() => new SqliteWriter(ConnectionString));

        Assert.Equal($"Storage:ConnectionString: the SQLite database {_path} was written by a newer build of the line " +
            $"(schema {SqliteSchemaVersion.Current + 1}; this build knows {SqliteSchemaVersion.Current}), whose data this build " +
            "would not read. Run that build again, or put back the copy taken before the upgrade (README, \"Upgrading, going " +
            "back, and keys\").", refused.Message);
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, File.ReadAllBytes(_path));
        Assert.Equal(SqliteSchemaVersion.Current + 1, Scalar("PRAGMA user_version"));
    }

    private void Execute(string sql)
    {
        using (var connection = new SqliteConnection(ConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
    }

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection($"{ConnectionString};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    public void Dispose() => SqliteFiles.Delete(_path);
}
