using Microsoft.Extensions.Options;
using WestmontTextLine.Settings;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Spool;

/// <summary>
/// Where the line keeps what its store refused (<see cref="SpoolFile"/>): on SQLite beside the database
/// (<c>data/textline.db.optouts.spool</c>...), one line to a file; on Redis in the line's data folder, beside the
/// instance's copy mark (<c>data/redis.optouts.spool</c>...). Instances on Redis sharing a folder each take a slot of
/// their own (<c>redis</c>, <c>redis-2</c>...: an open-file lock on its <c>.lock</c> file, which the kernel lets go when
/// the process dies), so none rewrites another's, and an instance started after one that died takes its slot and
/// writes what it left. An in-memory SQLite database keeps them in memory only.
/// </summary>
public sealed class SpoolFiles(string? basePath, IDisposable? slot = null) : IDisposable
{
    private const int RedisSlots = 16;

    public string? BasePath { get; } = basePath;

    public void Dispose() => slot?.Dispose();

    public SpoolFile Open(string kind, int capacity) => new(BasePath is null ? null : $"{BasePath}.{kind}.spool", capacity);

    public static SpoolFiles For(IServiceProvider provider)
    {
        var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (storage.Is(StorageOptions.Redis))
        {
            var folder = provider.GetRequiredService<RedisCopyMark>().Folder;
            Directory.CreateDirectory(folder);
            return InRedisFolder(folder);
        }
        // Only where the files go: the store makes its folder when it opens (`chat` and `check` open none, and write nothing).
        var connectionString = SqliteConnectionStrings.Resolve(storage.ConnectionString, provider.GetRequiredService<AppRoot>().Path, createFolder: false);
        return new SpoolFiles(SqliteFileWatch.PathOf(connectionString));
    }

    /// <summary>The first slot in the folder no other instance holds, held until disposed.</summary>
    public static SpoolFiles InRedisFolder(string folder)
    {
        for (var slot = 1; slot <= RedisSlots; slot++)
        {
            var basePath = Path.Combine(folder, slot == 1 ? "redis" : $"redis-{slot}");
            if (!OpenFileLock.IsSupported) return new SpoolFiles(basePath);
            var options = OwnerOnlyFile.Options(FileMode.OpenOrCreate, FileAccess.ReadWrite);
            options.Share = FileShare.ReadWrite;
            var lockFile = new FileStream(basePath + ".lock", options);
            if (OpenFileLock.TryTake(lockFile.SafeFileHandle, 0)) return new SpoolFiles(basePath, lockFile);
            lockFile.Dispose();
        }
        throw new IOException($"every spool slot in {folder} is taken by another instance of the line");
    }
}
