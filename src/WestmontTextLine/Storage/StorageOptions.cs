namespace WestmontTextLine.Storage;

/// <summary>The "Storage" settings section.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string Sqlite = "Sqlite";
    public const string Redis = "Redis";
    public const string DefaultSqlite = "Data Source=data/textline.db";

    public string Provider { get; set; } = Sqlite;
    public string? ConnectionString { get; set; }
}
