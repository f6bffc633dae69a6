using Microsoft.Extensions.Options;
using WestmontTextLine.Settings;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Spool;

/// <summary>
/// Where the line keeps what its store refused (<see cref="SpoolFile"/>): on SQLite beside the database
/// (<c>data/textline.db.optouts.spool</c>...), on Redis in the line's data folder, beside the instance's copy mark
/// (<c>data/redis.optouts.spool</c>...). An in-memory SQLite database keeps them in memory only.
/// </summary>
public sealed class SpoolFiles(string? basePath)
{
    public string? BasePath { get; } = basePath;

    public SpoolFile Open(string kind, int capacity, bool flushToDisk = true) =>
        new(BasePath is null ? null : $"{BasePath}.{kind}.spool", capacity, flushToDisk);

    public static SpoolFiles For(IServiceProvider provider)
    {
        var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (storage.Is(StorageOptions.Redis))
        {
            var folder = provider.GetRequiredService<RedisCopyMark>().Folder;
            Directory.CreateDirectory(folder);
            return new SpoolFiles(Path.Combine(folder, "redis"));
        }
        var connectionString = SqliteConnectionStrings.Resolve(storage.ConnectionString, provider.GetRequiredService<AppRoot>().Path);
        return new SpoolFiles(SqliteFileWatch.PathOf(connectionString));
    }
}
