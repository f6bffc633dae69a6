using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Hosting;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Reliability;

/// <summary>
/// A line stopped in its first seconds, while a background worker is still being built after the first answer: the
/// worker's build then finds the line's services disposed. That was logged as "The background worker ... failed; the
/// line stops" at Critical, for a line that was stopping anyway (seen while exploring early deletes).
/// </summary>
public sealed class WorkerBuiltAsTheLineStopsTests
{
    [Fact]
    public async Task A_worker_whose_build_the_stop_overtakes_logs_no_failure()
    {
        using var building = new ManualResetEventSlim();
        using var stopped = new ManualResetEventSlim();
        var factory = new TextLineFactory
        {
            TestServices = services => services.AddSingleton(provider =>
            {
                building.Set();
                stopped.Wait(TimeSpan.FromSeconds(30));
                return ActivatorUtilities.CreateInstance<RetentionService>(provider);
            }),
        };
        await factory.CreateTwilioClient(TestNumbers.Next()).TextAsync("hi");
        Assert.True(building.Wait(TimeSpan.FromSeconds(30)), "the worker was not built after the first answer");

        await factory.DisposeAsync();
        stopped.Set();

        var logs = factory.Logs;
        await Eventually.TrueAsync(() => logs.Lines.Any(line => line.Contains("RetentionService", StringComparison.Ordinal) &&
            line.Contains("ended as the line stopped", StringComparison.Ordinal)) || logs.Lines.Any(line => line.StartsWith("Critical", StringComparison.Ordinal)),
            "the worker's build to end");
        Assert.DoesNotContain(logs.Lines, line => line.StartsWith("Critical", StringComparison.Ordinal));
    }
}
