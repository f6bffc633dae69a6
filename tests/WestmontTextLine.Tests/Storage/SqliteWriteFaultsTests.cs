using Microsoft.Data.Sqlite;
using SQLitePCL;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Tests.Storage;

public sealed class SqliteWriteFaultsTests
{
    [Fact]
    public void A_full_disk_is_a_problem_until_real_data_commits_again()
    {
        var faults = new SqliteWriteFaults();

        faults.Failed(new SqliteException("SQLite Error 13: 'database or disk is full'.", raw.SQLITE_FULL));
        Assert.StartsWith("the disk holding the database is full", faults.Problem);

        faults.DataCommitted();
        Assert.Null(faults.Problem);
    }

    [Theory]
    [InlineData(raw.SQLITE_CORRUPT)]
    [InlineData(raw.SQLITE_NOTADB)]
    public void A_damaged_file_stays_a_problem_when_other_writes_still_commit(int error)
    {
        var faults = new SqliteWriteFaults();

        faults.Failed(new SqliteException("SQLite Error: 'database disk image is malformed'.", error));
        faults.DataCommitted();
        faults.Failed(new SqliteException("SQLite Error 13: 'database or disk is full'.", raw.SQLITE_FULL));
        faults.DataCommitted();

        Assert.StartsWith($"the database file is damaged (SQLite error {error})", faults.Problem);
        Assert.Contains("restore the file from a copy, deleting the -wal and -shm beside it first", faults.Problem);
    }
}
