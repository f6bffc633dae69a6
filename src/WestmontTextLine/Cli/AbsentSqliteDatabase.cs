using Microsoft.Extensions.Options;
using WestmontTextLine.Settings;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Cli;

/// <summary>
/// For a verb that works on the database the line already has (`stats` reads it, `rekey` rewrites it): on SQLite, the
/// file's path when no file is there (the line never started, or the path is mistyped), found without creating the
/// file or its folder; else null (Redis, in memory, or the file is there).
/// </summary>
public static class AbsentSqliteDatabase
{
    public static string? PathIn(IServiceProvider services)
    {
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (!storage.Is(StorageOptions.Sqlite)) return null;
        var path = SqliteFileWatch.PathOf(SqliteConnectionStrings.Resolve(storage.ConnectionString, services.GetRequiredService<AppRoot>().Path, createFolder: false));
        return path is not null && !File.Exists(path) ? path : null;
    }
}
