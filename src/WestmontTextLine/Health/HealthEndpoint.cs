using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WestmontTextLine.Health;

/// <summary>
/// GET /healthz, from the framework's health checks: 200 when every check is healthy (or only degraded, which a
/// check uses for what an operator should know but texters do not feel), 503 otherwise. The body is one line a
/// check for people: "Healthy: flows loaded, storage answers", or "Unhealthy: " and the reason. Anyone may ask, so a
/// file is named without its folder (the log has it whole). Each check's change of status is logged once
/// (<see cref="HealthChangeLog"/>). Requests that arrive together share one run of the checks (<see cref="SharedHealthRun"/>).
/// </summary>
public static class HealthEndpoint
{
    public const string Path = "/healthz";

    public static IServiceCollection AddLineHealthChecks(this IServiceCollection services)
    {
        // One instance, so it remembers the fault it last logged.
        services.AddSingleton<StorageHealthCheck>();
        services.AddHealthChecks().AddCheck<StorageHealthCheck>(StorageHealthCheck.Name);
        services.AddSingleton<HealthChangeLog>();
        services.AddSingleton<SharedHealthRun>();
        return services.AnswerForUnbuiltHealthChecks();
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapMethods(Path, [HttpMethods.Get, HttpMethods.Head], AnswerAsync);
        return app;
    }

    private static async Task AnswerAsync(HttpContext context, SharedHealthRun run, HealthChangeLog changes)
    {
        var report = await run.ReportAsync().WaitAsync(context.RequestAborted);
        changes.Observe(report);
        var response = context.Response;
        response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        // As the framework's health endpoint: a proxy must not answer a later poll with this one.
        response.Headers.CacheControl = "no-store, no-cache";
        response.Headers.Pragma = "no-cache";
        response.Headers.Expires = "Thu, 01 Jan 1970 00:00:00 GMT";
        var text = new StringBuilder();
        foreach (var (_, entry) in report.Entries) text.Append(entry.Status).Append(": ").Append(HealthText.WithoutFolders(entry.Description)).Append('\n');
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync(text.ToString());
    }
}
