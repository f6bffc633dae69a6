namespace WestmontTextLine.Tests.Support;

/// <summary>A SQLite database is up to three files: the database, its write-ahead log and its shared memory.</summary>
public static class SqliteFiles
{
    public static readonly string[] Suffixes = ["", "-wal", "-shm"];

    public static void Delete(string databasePath)
    {
        foreach (var suffix in Suffixes) File.Delete(databasePath + suffix);
        // The console's data-protection keys, kept beside the database.
        var keys = Path.Combine(Path.GetDirectoryName(databasePath) ?? "", Path.GetFileNameWithoutExtension(databasePath) + ".console-keys");
        if (Directory.Exists(keys)) Directory.Delete(keys, recursive: true);
    }
}
