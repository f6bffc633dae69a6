using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Sessions;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Reliability;

/// <summary>
/// A load balancer polls /healthz every few seconds. The framework logged a warning (or an error) for every poll
/// while a check was not Healthy: about 8,600 lines a day for one Degraded reason, which hid the line's own log. The
/// line now logs each check's change of status once (Degraded as a warning, Unhealthy as an error, Healthy again as
/// a warning, so a journal kept at Warning shows each fault's end), and the framework's line per poll is off.
/// </summary>
public sealed class HealthChangeLogTests
{
    private static bool IsFrameworkHealthLine(string line) =>
        line.Contains("Microsoft.Extensions.Diagnostics.HealthChecks", StringComparison.Ordinal) && !line.StartsWith("Debug", StringComparison.Ordinal)
        && !line.StartsWith("Trace", StringComparison.Ordinal);

    private static bool IsChangeLine(string line) => line.Contains("HealthChangeLog:", StringComparison.Ordinal);

    [Fact]
    public async Task Polling_a_degraded_line_logs_its_change_once_and_its_return_once()
    {
        await using var factory = new TextLineFactory();
        var twilio = factory.CreateTwilioClient("+16305550612");
        var health = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await health.GetAsync("/healthz")).StatusCode);
        Assert.DoesNotContain(factory.Logs.Lines, IsChangeLine);

        Assert.Equal(HttpStatusCode.Forbidden, (await twilio.PostAsync(twilio.Fields("hi", twilio.NextSid()), signedUrl: "https://line.example.org/sms")).StatusCode);
        for (var poll = 0; poll < 5; poll++) Assert.Equal(HttpStatusCode.OK, (await health.GetAsync("/healthz")).StatusCode);

        var degraded = Assert.Single(factory.Logs.Lines, IsChangeLine);
        Assert.StartsWith("Warning", degraded);
        Assert.Contains("is now Degraded: webhook: 1 request refused for their X-Twilio-Signature", degraded);
        Assert.DoesNotContain(factory.Logs.Lines, IsFrameworkHealthLine);

        Assert.Equal(HttpStatusCode.OK, (await twilio.PostAsync(twilio.Fields("hi", twilio.NextSid()))).StatusCode);
        for (var poll = 0; poll < 3; poll++) await health.GetAsync("/healthz");

        var changes = factory.Logs.Lines.Where(IsChangeLine).ToList();
        Assert.Equal(2, changes.Count);
        // At the fault's own level: a line run at Warning (as the README's journal) sees the fault end, not only begin.
        Assert.StartsWith("Warning", changes[1]);
        Assert.Contains("is Healthy again", changes[1]);
        Assert.DoesNotContain("+16305550612", string.Join('\n', changes));
    }

    private static bool IsStorageFaultLine(string line) => line.Contains("Health check storage is still Unhealthy, for another reason:", StringComparison.Ordinal);

    private static bool IsUnhealthyLine(string line) => IsChangeLine(line) && line.Contains("is now Unhealthy", StringComparison.Ordinal);

    [Fact]
    public async Task Polling_through_a_storage_outage_logs_its_reason_once_and_a_new_reason_once_more()
    {
        await using var factory = new TextLineFactory
        {
            TestServices = services => services.AddSingleton<ISessionStore>(provider =>
                new FaultySessionStore(new SqliteSessionStore(provider.GetRequiredService<SqliteWriter>()))),
        };
        var health = factory.CreateClient();
        var store = (FaultySessionStore)factory.Services.GetRequiredService<ISessionStore>();

        store.Mode = FaultySessionStore.Fault.Throw;
        for (var poll = 0; poll < 5; poll++) Assert.Equal(HttpStatusCode.ServiceUnavailable, (await health.GetAsync("/healthz")).StatusCode);
        // Its first reason once, in the change line: not also in a line of the check's own, as it was at each outage's start.
        var fault = Assert.Single(factory.Logs.Lines, IsUnhealthyLine);
        Assert.Contains("storage does not answer (IOException)", fault);
        Assert.DoesNotContain(factory.Logs.Lines, IsStorageFaultLine);

        store.Mode = FaultySessionStore.Fault.Hang;
        for (var poll = 0; poll < 2; poll++) Assert.Equal(HttpStatusCode.ServiceUnavailable, (await health.GetAsync("/healthz")).StatusCode);
        Assert.Contains("storage does not answer in time", Assert.Single(factory.Logs.Lines, IsStorageFaultLine));

        store.Mode = FaultySessionStore.Fault.None;
        Assert.Equal(HttpStatusCode.OK, (await health.GetAsync("/healthz")).StatusCode);
        store.Mode = FaultySessionStore.Fault.Throw;
        for (var poll = 0; poll < 3; poll++) await health.GetAsync("/healthz");
        Assert.Single(factory.Logs.Lines, IsStorageFaultLine);
        Assert.Equal(2, factory.Logs.Lines.Count(IsUnhealthyLine));
    }
}
