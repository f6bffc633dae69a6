using WestmontTextLine.Hosting;
using WestmontTextLine.Sessions;

namespace WestmontTextLine.Storage;

/// <summary>Picks the session store named by Storage:Provider.</summary>
public static class SessionStores
{
    public static ISessionStore Create(StorageOptions options, AppRoot appRoot) => options.Provider switch
    {
        _ when options.Provider.Equals(StorageOptions.Sqlite, StringComparison.OrdinalIgnoreCase) =>
            new SqliteSessionStore(SqliteConnectionStrings.Resolve(options.ConnectionString, appRoot.Path)),
        _ => throw new InvalidOperationException($"Storage:Provider '{options.Provider}' is not known; use Sqlite or Redis."),
    };
}
