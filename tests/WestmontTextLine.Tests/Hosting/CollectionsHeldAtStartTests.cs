using System.Runtime;
using WestmontTextLine.Hosting;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Hosting;

/// <summary>
/// The line in its own process runs no collection of the GC between its start and its first answer but the one that
/// begins the hold (the start allocates about 10 MB: three collections without it), and collections run again once it
/// has answered. Read at the end of each request by a startup hook in the line's process (<see cref="StartupHook"/>).
/// </summary>
public sealed class CollectionsHeldAtStartTests
{
    [Fact]
    public async Task A_line_in_its_own_process_collects_nothing_before_its_first_answer_and_collects_again_after_it()
    {
        var database = Path.Combine(Path.GetTempPath(), $"textline-collections-{Guid.NewGuid():N}.db");
        var requests = Path.Combine(Path.GetTempPath(), $"textline-collections-{Guid.NewGuid():N}.txt");
        try
        {
            await using (var line = await LineProcess.StartAsync(database, new Dictionary<string, string>
            {
                ["DOTNET_STARTUP_HOOKS"] = typeof(StartupHook).Assembly.Location,
                [StartupHook.FileVariable] = requests,
            }))
            {
                Assert.Contains("Westmont Text Line", await line.ReplyAsync(TestNumbers.Next(), "Hi", "SM" + Guid.NewGuid().ToString("N")));
                await WaitUntilAsync(() => Ended(requests).Count >= 2 && !Ended(requests)[^1].Held, line, requests);
            }
            var ended = Ended(requests);
            // The first answer is the first /healthz the test polls for: before it, only the hold's own collection.
            Assert.True(ended[0].Collections <= 1, $"collections before the first answer: {ended[0].Collections}");
            Assert.True(ended[0].Held, "collections were not held off as the first answer ended");
            Assert.False(ended[^1].Held);
        }
        finally
        {
            SqliteFiles.Delete(database);
            File.Delete(requests);
        }
    }

    [Fact]
    public void A_test_host_holds_nothing_off_and_an_end_without_a_hold_does_nothing()
    {
        CollectionsHeldAtStart.BeginInItsOwnProcess();
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        CollectionsHeldAtStart.End();
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    private static async Task WaitUntilAsync(Func<bool> done, LineProcess line, string requests)
    {
        for (var tries = 0; !done(); tries++)
        {
            Assert.True(tries < 100, "the line's requests: " + string.Join(" | ", Ended(requests)));
            (await line.Http.GetAsync("/healthz")).Dispose();
            await Task.Delay(100);
        }
    }

    private static List<(string Path, int Collections, bool Held)> Ended(string file)
    {
        if (!File.Exists(file)) return [];
        return File.ReadAllLines(file)
            .Select(line => line.Split(' '))
            .Where(fields => fields.Length == 3)
            .Select(fields => (fields[0], int.Parse(fields[1]), fields[2] == nameof(GCLatencyMode.NoGCRegion)))
            .ToList();
    }
}
