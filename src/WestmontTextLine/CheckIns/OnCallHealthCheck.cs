using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// The on-call phone's part of /healthz: Degraded (still 200) for a day after an alert to it failed
/// (<see cref="OnCallPhoneState"/>). It names the setting, never the number.
/// </summary>
public sealed class OnCallHealthCheck(OnCallPhoneState state, IOptions<CheckInOptions> options) : IHealthCheck
{
    public const string Name = "on-call";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (ContactNumbers.Staff(options.Value.StaffNumber) is null) return HealthCheckResult.Healthy("on-call phone: none set");
        return await state.DescribeAsync(cancellationToken) is { } failed
            ? HealthCheckResult.Degraded($"on-call phone: {failed}")
            : HealthCheckResult.Healthy("on-call phone: no alert to it failed lately");
    }
}
