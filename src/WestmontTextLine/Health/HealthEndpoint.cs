using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Health;

/// <summary>GET /healthz: 200 when the flows are loaded (they must be, for the app to start) and the store answers.</summary>
public static class HealthEndpoint
{
    public const string Path = "/healthz";
    private static readonly TimeSpan PingBudget = TimeSpan.FromSeconds(2);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (ISessionStore store, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            budget.CancelAfter(PingBudget);
            try
            {
                await store.PingAsync(budget.Token);
                return Results.Text("Healthy: flows loaded, storage answers\n", "text/plain");
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                var reason = ex switch
                {
                    StorageUnavailableException unavailable => unavailable.Message,
                    Microsoft.Data.Sqlite.SqliteException sqlite => $"a write fails (SQLite error {sqlite.SqliteErrorCode})",
                    OperationCanceledException => "storage does not answer in time",
                    _ => $"storage does not answer ({ex.GetType().Name})",
                };
                loggers.CreateLogger(typeof(HealthEndpoint)).LogWarning("Health check: unhealthy: {Reason}", reason);
                return Results.Text($"Unhealthy: {reason}\n", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        return app;
    }
}
