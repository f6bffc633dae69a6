using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Storage;

/// <summary>A database file the line cannot use stops start-up with advice that fits the fault, and is left as it was.</summary>
public sealed class SqliteUnusableFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"textline-unusable-{Guid.NewGuid():N}.db");

    [Theory]
    [InlineData("random bytes")]
    [InlineData("a SQLite header over random bytes")]
    public void A_damaged_file_asks_for_a_copy_and_is_not_overwritten(string content)
    {
        var bytes = new byte[64 * 1024];
        new Random(7).NextBytes(bytes);
        if (content.StartsWith("a SQLite header", StringComparison.Ordinal)) "SQLite format 3\0"u8.CopyTo(bytes);
        File.WriteAllBytes(_path, bytes);

        var error = Assert.Throws<StorageUnavailableException>(() => new SqliteWriter($"Data Source={_path}"));

        Assert.StartsWith($"Storage:ConnectionString: cannot open the SQLite database {_path}", error.Message);
        Assert.Contains("damaged or is not the line's database: restore it from a copy", error.Message);
        Assert.DoesNotContain("writable", error.Message);
        Assert.Equal(bytes, File.ReadAllBytes(_path));
    }

    // Found from outside: an existing database on a full disk got "disk I/O error ... make the file writable" (SQLite
    // could not create its -shm), and the operator was sent to check permissions.
    [SkippableFact]
    public async Task An_existing_database_on_a_full_disk_asks_for_free_space()
    {
        Skip.IfNot(SmallVolume.CanMount, SmallVolume.CannotMount);
        using var volume = SmallVolume.Mount(megabytes: 2);
        var database = Path.Combine(volume.Path, "textline.db");
        await using (var writer = new SqliteWriter($"Data Source={database}")) await writer.PingAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.False(File.Exists(database + "-wal"));
        volume.Fill();

        var error = Assert.Throws<StorageUnavailableException>(() => new SqliteWriter($"Data Source={database}"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        Assert.StartsWith($"Storage:ConnectionString: cannot open the SQLite database {database}", error.Message);
        Assert.Contains("The disk holding it is full", error.Message);
        Assert.DoesNotContain("writable", error.Message);
    }

    public void Dispose() => SqliteFiles.Delete(_path);
}
