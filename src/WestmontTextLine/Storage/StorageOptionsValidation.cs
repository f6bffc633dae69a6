using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using WestmontTextLine.Settings;

namespace WestmontTextLine.Storage;

/// <summary>
/// Storage:Provider must be one the line has, and Storage:ConnectionString one its provider can read: for SQLite a
/// file (an in-memory database is gone on restart, with every opt-out, and is not shared by the line's
/// connections) and not a folder (<see cref="DatabaseFilePath"/>), for Redis the server.
/// </summary>
public sealed class StorageOptionsValidation(AppRoot appRoot) : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!options.Is(StorageOptions.Sqlite) && !options.Is(StorageOptions.Redis))
        {
            return ValidateOptionsResult.Fail(StorageOptions.UnknownProvider(options.Provider).Message);
        }
        return options.Is(StorageOptions.Redis) ? RedisProblem(options.ConnectionString) : SqliteProblem(options.ConnectionString);
    }

    private ValidateOptionsResult SqliteProblem(string? connectionString)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(connectionString) ? StorageOptions.DefaultSqlite : connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            return ValidateOptionsResult.Fail(
                $"Storage:ConnectionString is not a SQLite connection string ({ex.Message.TrimEnd('.')}): write it as Data Source=data/textline.db.");
        }
        if (SqliteConnectionStrings.IsInMemory(builder))
        {
            return ValidateOptionsResult.Fail(
                "Storage:ConnectionString must name a database file, e.g. Data Source=data/textline.db: an in-memory database loses every session and opt-out when the line stops.");
        }
        // Each passed check; the start then created an empty database and stopped, blaming the file's permissions
        // ("attempt to write a readonly database"), or crashed with a stack trace (a password).
        if (builder.Mode == SqliteOpenMode.ReadOnly)
        {
            return ValidateOptionsResult.Fail(
                "Storage:ConnectionString opens the database read-only (Mode=ReadOnly), and the line writes with every text (her place in the menu, an opt-out): remove Mode=ReadOnly.");
        }
        if (!string.IsNullOrEmpty(builder.Password))
        {
            return ValidateOptionsResult.Fail(
                "Storage:ConnectionString sets a Password, which the line's SQLite cannot use (it has no encryption): remove it. What the line keeps of " +
                "a texter is encrypted by the line itself (TextLine:EncryptionKey), and the database file is readable by its owner only.");
        }
        return DatabaseFilePath.Problem(builder.DataSource, appRoot) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }

    private static ValidateOptionsResult RedisProblem(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return ValidateOptionsResult.Fail("Storage:ConnectionString must name the Redis server when Storage:Provider is Redis, e.g. localhost:6379.");
        }
        try
        {
            RedisConnection.Options(connectionString);
            return ValidateOptionsResult.Success;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            return ValidateOptionsResult.Fail(
                $"Storage:ConnectionString is not a Redis connection string ({ex.Message.TrimEnd('.')}): write it as host:port, e.g. localhost:6379, with any options after a comma.");
        }
    }
}
