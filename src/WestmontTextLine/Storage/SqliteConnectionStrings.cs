using Microsoft.Data.Sqlite;

namespace WestmontTextLine.Storage;

public static class SqliteConnectionStrings
{
    /// <summary>A relative Data Source is relative to the content root (the repo root), not the working directory.</summary>
    public static string Resolve(string? connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(connectionString) ? StorageOptions.DefaultSqlite : connectionString);
        var isFile = !IsInMemory(builder);
        if (isFile && !Path.IsPathRooted(builder.DataSource)) builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        if (isFile) Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        return builder.ToString();
    }

    /// <summary>No file at all: no data source, <c>:memory:</c>, or <c>Mode=Memory</c>.</summary>
    public static bool IsInMemory(SqliteConnectionStringBuilder builder) =>
        builder.DataSource.Length == 0 || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory;
}
