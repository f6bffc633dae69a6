using Microsoft.Extensions.Diagnostics.HealthChecks;
using WestmontTextLine.Logging;

namespace WestmontTextLine.Health;

/// <summary>
/// A check the container cannot build (a store it needs cannot open: the SQLite file was deleted before its first
/// use) answers with its failure status and why, as a check that throws does. The framework builds each check outside
/// its own error handling, so one such check made the whole of /healthz a 500 with no word of the reason.
/// </summary>
public static class UnbuiltHealthChecks
{
    public static IServiceCollection AnswerForUnbuiltHealthChecks(this IServiceCollection services) =>
        services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations)
            {
                var build = registration.Factory;
                registration.Factory = provider =>
                {
                    try
                    {
                        return build(provider);
                    }
                    catch (Exception ex)
                    {
                        return new NotBuilt(registration.FailureStatus, $"{registration.Name}: not checked: {FaultMessage.Of(ex)}");
                    }
                };
            }
        });

    private sealed class NotBuilt(HealthStatus status, string why) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(new HealthCheckResult(status, why));
    }
}
