using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Console.Audit;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console.Audit;

/// <summary>
/// A flood (a script at the sign-in page from many addresses) fills the audit log to its ceiling
/// (Console:AuditMaxEntries): it grows no further, each new entry drops the oldest, and /healthz says so (Degraded,
/// still 200), which the log writes once. Before, nothing said that entries were going before their time.
/// </summary>
public sealed class AuditCeilingTests
{
    [Fact]
    public async Task At_its_ceiling_the_log_grows_no_more_and_healthz_says_the_oldest_are_dropped()
    {
        using var factory = new TextLineFactory();
        factory.Settings["Console:AuditMaxEntries"] = "10000";
        using var client = factory.CreateClient();
        Assert.Contains("Healthy: audit log: under its ceiling", await client.GetStringAsync("/healthz"));

        var log = factory.Services.GetRequiredService<IAuditLog>();
        var start = factory.Clock.GetUtcNow();
        for (var i = 0; i < 10_010; i++) await log.AppendAsync(new AuditEntry(start.AddSeconds(i), "(no such account)", "signin.failed", ""));
        factory.Clock.Advance(AuditLogHealthCheck.CountedFor);

        Assert.Equal(10_000, await log.CountAsync());
        using var health = await client.GetAsync("/healthz");
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        var body = await health.Content.ReadAsStringAsync();
        Assert.Contains("Degraded: audit log: at its ceiling of 10000 entries (Console:AuditMaxEntries)", body);
        Assert.Contains("Health check audit is now Degraded", factory.Logs.All);
    }
}
