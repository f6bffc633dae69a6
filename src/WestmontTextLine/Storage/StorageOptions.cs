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

    public bool Is(string provider) => Provider.Equals(provider, StringComparison.OrdinalIgnoreCase);

    public static InvalidOperationException UnknownProvider(string provider) =>
        new($"Storage:Provider '{provider}' is not known; use {Sqlite} or {Redis}.");
}
