using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WestmontTextLine.Health;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Reliability;

/// <summary>
/// /healthz is open to anyone, and each run of its checks writes through the store and reads records from it. Seen
/// from outside: 32 connections asking over and over took both cores (about 4 ms of CPU a poll), beside the texts.
/// Polls that arrive together now share one run; a poll after a run ended still sees the state as it is then.
/// </summary>
public sealed class HealthFloodTests
{
    private sealed class HeldCheck : IHealthCheck
    {
        public readonly TaskCompletionSource Release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _runs;
        public int Runs => Volatile.Read(ref _runs);
        public HealthStatus Next { get; set; } = HealthStatus.Healthy;

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _runs);
            // As the store's check does: a run whose token is cancelled ends there.
            await Release.Task.WaitAsync(cancellationToken);
            return new HealthCheckResult(Next, $"held check {Next}");
        }
    }

    // The held check alone: the store's own check gives up after 2 s of real time, and a cold first ping on a loaded
    // machine ran past that, so a run these tests expected healthy answered 503. Sharing a run does not depend on which
    // checks it holds.
    private static TextLineFactory FactoryWith(HeldCheck check) =>
        new()
        {
            TestServices = services => services.Configure<HealthCheckServiceOptions>(options =>
            {
                options.Registrations.Clear();
                options.Registrations.Add(new HealthCheckRegistration("held", check, failureStatus: null, tags: null));
            }),
        };

    /// <summary>How many polls have a run of the checks to wait for (joined or started), counted by the line's hook.</summary>
    private sealed class PollsWithARun
    {
        private int _count;
        public PollsWithARun(TextLineFactory factory) => factory.Services.GetRequiredService<SharedHealthRun>().RunFound = () => Interlocked.Increment(ref _count);
        public int Count => Volatile.Read(ref _count);
    }

    [Fact]
    public async Task Polls_that_arrive_together_share_one_run_of_the_checks()
    {
        var check = new HeldCheck();
        await using var factory = FactoryWith(check);
        var client = factory.CreateClient();
        var withARun = new PollsWithARun(factory);

        var polls = Enumerable.Range(0, 10).Select(_ => client.GetAsync("/healthz")).ToList();
        await Eventually.TrueAsync(() => withARun.Count == 10, "every poll found a run to wait for");
        check.Release.SetResult();
        var answers = await Task.WhenAll(polls);

        Assert.Equal(1, check.Runs);
        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
        Assert.All(answers, answer => Assert.Equal("no-store, no-cache", answer.Headers.CacheControl?.ToString()));
        foreach (var answer in answers) Assert.Contains("Healthy: held check Healthy", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_poll_after_a_run_ended_sees_the_state_as_it_is_then()
    {
        var check = new HeldCheck();
        check.Release.SetResult();
        await using var factory = FactoryWith(check);
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        check.Next = HealthStatus.Unhealthy;

        var after = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
        Assert.Contains("Unhealthy: held check Unhealthy", await after.Content.ReadAsStringAsync());
        Assert.Equal(2, check.Runs);
    }

    [Fact]
    public async Task A_poller_that_hangs_up_does_not_end_the_run_the_others_wait_for()
    {
        var check = new HeldCheck();
        await using var factory = FactoryWith(check);
        var client = factory.CreateClient();
        var withARun = new PollsWithARun(factory);
        using var hangUp = new CancellationTokenSource();
        var first = client.GetAsync("/healthz", hangUp.Token);
        await Eventually.TrueAsync(() => check.Runs > 0, "the run started");
        var second = client.GetAsync("/healthz");
        await Eventually.TrueAsync(() => withARun.Count == 2, "the second poll joined the run");

        await hangUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        check.Release.SetResult();

        var answer = await second;
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(1, check.Runs);
    }
}
