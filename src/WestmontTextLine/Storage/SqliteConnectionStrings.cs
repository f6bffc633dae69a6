using Microsoft.Data.Sqlite;

namespace WestmontTextLine.Storage;

public static class SqliteConnectionStrings
{
    /// <summary>
    /// A relative Data Source is relative to the content root (the repo root), not the working directory. The file's
    /// folder is created, unless <paramref name="createFolder"/> is false (a verb that only reads: `stats`).
    /// </summary>
    public static string Resolve(string? connectionString, string contentRoot, bool createFolder = true)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(connectionString) ? StorageOptions.DefaultSqlite : connectionString);
        var isFile = !IsInMemory(builder);
        if (isFile && !Path.IsPathRooted(builder.DataSource)) builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        if (isFile && createFolder) Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        return builder.ToString();
    }

    /// <summary>
    /// The same file, opened only if it is there (<c>Mode=ReadWrite</c> in place of the default <c>ReadWriteCreate</c>):
    /// for every connection beside the writer's. One opened after the file was deleted under the line made a new, empty
    /// database at its path, which then failed on its missing tables (<see cref="SqliteFileGoneException"/>).
    /// </summary>
    public static string OpeningOnly(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (IsInMemory(builder) || builder.Mode != SqliteOpenMode.ReadWriteCreate) return connectionString;
        builder.Mode = SqliteOpenMode.ReadWrite;
        return builder.ToString();
    }

    /// <summary>No file at all: no data source, <c>:memory:</c>, or <c>Mode=Memory</c>.</summary>
    public static bool IsInMemory(SqliteConnectionStringBuilder builder) =>
        builder.DataSource.Length == 0 || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory;
}
