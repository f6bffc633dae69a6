using System.Data.Common;
using Microsoft.Data.Sqlite;
using StackExchange.Redis;

namespace WestmontTextLine.Storage;

/// <summary>
/// Whether a failure is the store's, and what it means, in words that carry no key and no value: for the console's
/// answer, a worker built at start, /healthz and the log. StackExchange.Redis names the key of a command that timed out
/// (and 900 characters of counters after it), which said nothing an operator could act on.
/// </summary>
public static class StoreFault
{
    /// <summary>Redis, SQLite, a timeout or a file that failed, anywhere among the failure's inner exceptions.</summary>
    public static bool Is(Exception failure) =>
        failure is RedisException or TimeoutException or DbException or IOException || (failure.InnerException is { } inner && Is(inner));

    /// <summary>The SQLite file deleted or moved while open (<see cref="SqliteFileGoneException"/>): waiting does not bring it back.</summary>
    public static bool IsFileGone(Exception failure) =>
        failure is SqliteFileGoneException || (failure.InnerException is { } inner && IsFileGone(inner));

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
