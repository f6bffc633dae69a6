using WestmontTextLine.Hosting;
using WestmontTextLine.Sessions;

namespace WestmontTextLine.Storage;

/// <summary>Picks the usage counter that lives beside the session store named by Storage:Provider.</summary>
public static class UsageCounters
{
    public static IUsageCounter Create(StorageOptions options, AppRoot appRoot) => options.Provider switch
    {
        _ when options.Provider.Equals(StorageOptions.Sqlite, StringComparison.OrdinalIgnoreCase) =>
            new SqliteUsageCounter(SqliteConnectionStrings.Resolve(options.ConnectionString, appRoot.Path)),
        _ => throw new InvalidOperationException($"Storage:Provider '{options.Provider}' is not known; use Sqlite or Redis."),
    };
}
