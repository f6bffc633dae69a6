using System.Diagnostics;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Performance;

/// <summary>
/// A newcomer asks a benchmark script for its help before running it: `--help` must print how to run it and stop,
/// never build or start a load run (run-senders.sh ignored its arguments and began a 2-minute flood).
/// </summary>
public class BenchScriptHelpTests
{
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData("run-load.sh", "--help")]
    [InlineData("run-load.sh", "-h")]
    [InlineData("run-micro.sh", "--help")]
    [InlineData("run-micro.sh", "-h")]
    [InlineData("run-coldstart.sh", "--help")]
    [InlineData("run-senders.sh", "--help")]
    [InlineData("run-senders.sh", "-h")]
    [InlineData("run-faults.sh", "--help")]
    [InlineData("run-faults.sh", "-h")]
    public async Task Help_prints_the_usage_and_exits_0_without_running_anything(string script, string help)
    {
        var (exitCode, stdout, _) = await Run(script, help);

        Assert.Equal(0, exitCode);
        Assert.StartsWith($"usage: bench/{script}", stdout);
        Assert.DoesNotContain("== building", stdout);
    }

    [Theory]
    [InlineData("run-load.sh")]
    [InlineData("run-coldstart.sh")]
    [InlineData("run-senders.sh")]
    [InlineData("run-faults.sh")]
    public async Task An_unknown_argument_gets_the_usage_and_exit_code_2(string script)
    {
        var (exitCode, stdout, stderr) = await Run(script, "--frob");

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"usage: bench/{script}", stderr);
        Assert.DoesNotContain("== building", stdout);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> Run(string script, string argument)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepoPaths.Root, "bench", script), argument])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        // Should a script start a run after all, keep it short and off every port in use.
        start.Environment["DURATION"] = "1s";
        start.Environment["ROUNDS"] = "1";
        foreach (var port in new[] { "PORT", "FAKE_PORT", "REDIS_PORT", "LINE_PORT" })
        {
            start.Environment[port] = FreePort.OnLoopback().ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Quickly);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"bench/{script} {argument} was still running after {Quickly.TotalSeconds} s: it started a run. Output: {await stdout}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
