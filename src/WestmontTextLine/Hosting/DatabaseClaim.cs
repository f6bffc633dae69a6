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
        if (app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.Is(StorageOptions.Sqlite)) app.Services.GetRequiredService<SqliteSingleLine>();
        return app;
    }
}
