using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace WestmontTextLine.Outbound;

/// <summary>
/// The provider's part of /healthz, for operators: whether deletion at the provider runs and how many messages wait
/// for it, and any outbound text given up in the last day. Texters feel none of it, so it is never Unhealthy: a
/// paused deletion or a failed alert is Degraded, which /healthz still answers with 200 and says in its text.
/// </summary>
public sealed class ProviderHealthCheck(
    ProviderDeletions deletions, ProviderDeletionState state, OutboundFailures failures, OutboundSenderState sender, OutboundPause pause,
    CarrierRefusedLine refusedLine, FilteredSafetyTexts filtered, IOptions<TwilioApiOptions> options, TimeProvider time) : IHealthCheck
{
    public const string Name = "provider";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.IsConfigured) return HealthCheckResult.Healthy(options.Value.Describe());
        var waiting = await WaitingAsync(cancellationToken);
        var text = deletions.Enabled ? $"provider deletion: {waiting} waiting" : "provider deletion is off (Twilio:DeleteMessages is false)";
        var problems = new List<string>();
        if (state.PausedBecause is { } paused) problems.Add(paused);
        if (state.DescribeSlowDown(time.GetUtcNow()) is { } slowed) problems.Add(slowed);
        if (sender.RefusedBecause is { } refused) problems.Add(refused);
        if (pause.Describe(time.GetUtcNow()) is { } held) problems.Add(held);
        if (await refusedLine.DescribeAsync(cancellationToken) is { } refusedByCarriers) problems.Add(refusedByCarriers);
        if (await filtered.DescribeAsync(cancellationToken) is { } filteredTexts) problems.Add(filteredTexts);
        if (failures.InLastDay() is > 0 and var failed) problems.Add($"{failed} outbound text(s) given up in the last day (see stats)");
        return problems.Count == 0
            ? HealthCheckResult.Healthy(text)
            : HealthCheckResult.Degraded($"{string.Join("; ", problems)}; {text}");
    }

    private async Task<string> WaitingAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await deletions.WaitingAsync(cancellationToken)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return "an unknown number of messages"; // the storage check says why
        }
    }
}
