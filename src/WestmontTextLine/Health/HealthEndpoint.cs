using WestmontTextLine.Sessions;

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
                loggers.CreateLogger(typeof(HealthEndpoint)).LogWarning("Health check: storage fault {Fault}", ex.GetType().Name);
                return Results.Text("Unhealthy: storage does not answer\n", "text/plain", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        return app;
    }
}
