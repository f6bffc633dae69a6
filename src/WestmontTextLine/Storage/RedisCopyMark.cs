using System.Globalization;

namespace WestmontTextLine.Storage;

/// <summary>
/// This instance's own note, outside Redis, of the newest time it saw on Redis's data marker (<see cref="RedisDataMarker"/>):
/// the witness by which a Redis put back from an older copy is noticed at start, as the SQLite database's is by
/// <c>textline.db.mark</c> (<see cref="SqliteCopyMark"/>). One file per marker id in the line's data folder
/// (<c>data/redis-&lt;id&gt;.mark</c>: a time, nothing about anyone), so instances on different Redis servers sharing a
/// folder never read each other's.
/// </summary>
public sealed class RedisCopyMark(string folder, ILogger logger)
{
    public string Folder { get; } = folder;

    // Each instance looks every 10 seconds: a folder it cannot write (a read-only publish folder) is said once, and
    // again only after a write worked in between.
    private int _failing;

    public string PathOf(string markerId) => Path.Combine(Folder, $"redis-{markerId}.mark");

    /// <summary>The newest marker time (Unix seconds, Redis's clock) this instance noted for this id; null when none.</summary>
    public long? SeenAt(string markerId)
    {
        try
        {
            return long.TryParse(File.ReadAllText(PathOf(markerId)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var at) ? at : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Note(string markerId, long at)
    {
        var path = PathOf(markerId);
        try
        {
            Directory.CreateDirectory(Folder);
            OwnerOnlyFile.Replace(path, $"{at.ToString(CultureInfo.InvariantCulture)}\n");
            Volatile.Write(ref _failing, 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (Interlocked.Exchange(ref _failing, 1) == 1) return;
            logger.LogWarning("Storage: {File} was not written: {Fault}; Redis put back from an older copy may go unnoticed at this instance's next start",
                path, DiskFull.Is(ex) ? "the disk is full" : ex.GetType().Name);
        }
    }
}
