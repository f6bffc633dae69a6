using WestmontTextLine.Settings;

namespace WestmontTextLine.Storage;

/// <summary>
/// Where Storage:ConnectionString puts the SQLite file, looked at by the settings check (at start and in `check`)
/// before anything opens it. A folder given as the database (Data Source=data/, or the folder a backup script uses)
/// was reported at start as "Access to the path is denied", which sent the operator to change permissions that were
/// fine; a path through a file (Data Source=/srv/line.conf/textline.db) crashed the start with a stack trace. Each is
/// said as what it is, and nothing is created or opened here.
/// </summary>
public static class DatabaseFilePath
{
    public static string? Problem(string dataSource, AppRoot appRoot)
    {
        var path = Path.TrimEndingDirectorySeparator(appRoot.Resolve(dataSource));
        if (Directory.Exists(path))
        {
            return $"Storage:ConnectionString names the folder {path}, not a database file: name a file in it, " +
                $"e.g. Data Source={Path.Combine(path, "textline.db")}.";
        }
        for (var folder = Path.GetDirectoryName(path); !string.IsNullOrEmpty(folder); folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(folder))
            {
                return $"Storage:ConnectionString: {folder} is a file, not a folder, so the database {path} cannot be made in it: " +
                    "name a database file in a folder, e.g. Data Source=data/textline.db.";
            }
        }
        return null;
    }
}
