using Microsoft.Extensions.Options;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Hosting;

public static class DatabaseClaim
{
    /// <summary>
    /// On SQLite, takes the file's lock for this copy of the line before anything starts (<see cref="SqliteSingleLine"/>);
    /// the container lets it go when the line stops.
    /// </summary>
    public static WebApplication ClaimTheDatabase(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.Is(StorageOptions.Sqlite)) return app;
        var claim = app.Services.GetRequiredService<SqliteSingleLine>();
        if (claim.Database is not { } database) return app;
        // A mistyped (or empty, hence default) Storage:ConnectionString starts on a new database that knows no
        // opt-out: the log is where the operator can tell which file the line answers from.
        if (claim.Created)
        {
            app.Logger.LogWarning(
                "Storage: SQLite database {Database} did not exist and was created empty. On the line's first start that is "
                + "expected; if the line ran before, Storage:ConnectionString names the wrong file, and every opt-out, "
                + "check-in and staff account is in the other one: stop the line and correct the setting.", database);
        }
        else
        {
            app.Logger.LogInformation("Storage: SQLite database {Database}", database);
        }
        if (DatabaseFileMode.OpenToOthers(database) is { } mode)
        {
            app.Logger.LogWarning(
                "Storage: SQLite database {Database} is mode {Mode}: other accounts on this host can read it (keyed hashes, "
                + "opt-outs, encrypted records). The line keeps an existing file's mode as it is (it creates new ones 600): "
                + "run chmod 600 on it and on its -wal and -shm beside it.", database, mode);
        }
        return app;
    }
}
