using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Privacy;

/// <summary>
/// The database holds every keyed hash, opt-out and encrypted record: another account on the host must not read it.
/// Created under the usual umask (022) it was readable by every account (644), and SQLite gives its WAL and shared
/// memory file the database file's mode.
/// </summary>
public class DatabaseFileModeTests
{
    [Fact]
    public async Task A_database_the_line_creates_and_its_WAL_are_readable_by_its_own_account_only()
    {
        if (OperatingSystem.IsWindows()) return;
        var factory = new TextLineFactory { KeepDatabase = true };
        try
        {
            await factory.CreateTwilioClient(TestNumbers.Next()).TextAsync("hi");

            foreach (var file in new[] { factory.DatabasePath, factory.DatabasePath + "-wal", factory.DatabasePath + "-shm" })
            {
                Assert.True(File.Exists(file), file);
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }
        }
        finally
        {
            await factory.DisposeAsync();
            SqliteFiles.Delete(factory.DatabasePath);
        }
    }
}
