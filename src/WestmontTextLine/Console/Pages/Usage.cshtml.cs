using Microsoft.AspNetCore.Mvc.RazorPages;
using WestmontTextLine.Console.Usage;
using WestmontTextLine.Flows;
using WestmontTextLine.Outbound;
using WestmontTextLine.Settings;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Console.Pages;

/// <summary>`stats` as charts: the last 7 and 30 days, in the line's time zone.</summary>
public sealed class UsageModel(IUsageCounter counter, LineClock clock, TimeProvider time, Flow flow, ProviderDeletions deletions) : PageModel
{
    public IReadOnlyList<UsageWindow> Windows { get; private set; } = [];
    public string TimeZone => clock.Zone.Id;
    public long? WaitingDeletions { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = clock.DayOf(time.GetUtcNow());
        var counts = await counter.ReadAsync(today.AddDays(-29), today, cancellationToken);
        Windows = [new UsageWindow(counts, today, 7, flow.Default), new UsageWindow(counts, today, 30, flow.Default)];
        WaitingDeletions = deletions.Enabled ? await deletions.WaitingAsync(cancellationToken) : null;
    }
}
