using Microsoft.Data.Sqlite;
using StackExchange.Redis;

namespace WestmontTextLine.Storage;

/// <summary>
/// What a store's fault means, in words that carry no key and no value: for /healthz and the log. StackExchange.Redis
/// names the key of a command that timed out (and 900 characters of counters after it), which said nothing an
/// operator could act on.
/// </summary>
public static class StoreFault
{
    public static string Describe(Exception fault) => fault switch
    {
        StorageUnavailableException unavailable => unavailable.Message,
        SqliteException sqlite => SqliteWriteFaults.Describe(sqlite) ?? $"a write fails (SQLite error {sqlite.SqliteErrorCode})",
        OperationCanceledException => "storage does not answer in time",
        // Redis's own words ("OOM command not allowed when used memory > 'maxmemory'", "READONLY ..."): no key or value in them.
        RedisServerException refused => $"Redis refuses writes: {refused.Message.Split('\n')[0]}",
        _ => $"storage does not answer ({fault.GetType().Name})",
    };
}
