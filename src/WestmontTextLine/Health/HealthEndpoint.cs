using System.Text;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WestmontTextLine.Health;

/// <summary>
/// GET /healthz, from the framework's health checks: 200 when every check is healthy (or only degraded, which a
/// check uses for what an operator should know but texters do not feel), 503 otherwise. The body is one line a
/// check for people: "Healthy: flows loaded, storage answers", or "Unhealthy: " and the reason. Anyone may ask, so a
/// file is named without its folder (the log has it whole). Each check's change of status is logged once
/// (<see cref="HealthChangeLog"/>).
/// </summary>
public static class HealthEndpoint
{
    public const string Path = "/healthz";

    public static IServiceCollection AddLineHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<StorageHealthCheck>(StorageHealthCheck.Name);
        services.AddSingleton<HealthChangeLog>();
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(Path, new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = WriteTextAsync,
        });
        return app;
    }

    private static Task WriteTextAsync(HttpContext context, HealthReport report)
    {
        context.RequestServices.GetRequiredService<HealthChangeLog>().Observe(report);
        var text = new StringBuilder();
        foreach (var (_, entry) in report.Entries) text.Append(entry.Status).Append(": ").Append(HealthText.WithoutFolders(entry.Description)).Append('\n');
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text.ToString());
    }
}
