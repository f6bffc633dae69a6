using System.Diagnostics;

namespace WestmontTextLine.Tests.Support;

/// <summary>
/// strace attached to a running process, every thread, noting each fsync and fdatasync with the path of its file
/// (<c>-y</c>): whether a file reached the disk, which neither the process nor a test can see in the page cache. Needs
/// strace and leave to trace another process (root, or Yama's ptrace_scope 0): <see cref="CanAttach"/>.
/// </summary>
public sealed class DiskFlushTrace : IDisposable
{
    public const string CannotAttach = "strace is missing, or this machine does not let the tests trace a process";

    private static readonly Lazy<bool> Attachable = new(TryAttachToItself);

    private readonly Process _strace;
    private readonly string _output;

    private DiskFlushTrace(Process strace, string output)
    {
        _strace = strace;
        _output = output;
    }

    public static bool CanAttach => Attachable.Value;

    public static async Task<DiskFlushTrace> AttachAsync(int processId)
    {
        var output = Path.Combine(Path.GetTempPath(), $"textline-fsync-{Guid.NewGuid():N}.trace");
        var start = new ProcessStartInfo("strace") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-f", "-y", "-e", "trace=fsync,fdatasync", "-o", output, "-p", processId.ToString() })
            start.ArgumentList.Add(argument);
        var strace = Process.Start(start)!;
        // "strace: Process N attached with M threads": every thread is traced from here on.
        using var attached = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await strace.StandardError.ReadLineAsync(attached.Token) is { } line)
        {
            if (line.Contains("attached", StringComparison.Ordinal)) return new DiskFlushTrace(strace, output);
        }
        throw new InvalidOperationException($"strace did not attach to {processId}: exited with {(strace.HasExited ? strace.ExitCode : -1)}");
    }

    /// <summary>Detaches (SIGINT: strace lets the process go on and writes what it saw) and gives the files flushed since it attached.</summary>
    public async Task<IReadOnlyList<string>> StopAsync()
    {
        if (!_strace.HasExited) PosixSignal.Send(_strace.Id, PosixSignal.Interrupt, "strace");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _strace.WaitForExitAsync(timeout.Token);
        return File.ReadAllLines(_output);
    }

    public void Dispose()
    {
        if (!_strace.HasExited) _strace.Kill();
        _strace.Dispose();
        File.Delete(_output);
    }

    // As the tests use it: attached to a process that is not its own child.
    private static bool TryAttachToItself()
    {
        Process? sleeper = null;
        try
        {
            sleeper = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
            using var trace = AttachAsync(sleeper.Id).GetAwaiter().GetResult();
            trace.StopAsync().GetAwaiter().GetResult();
            return true;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or OperationCanceledException)
        {
            return false;
        }
        finally
        {
            if (sleeper is { HasExited: false }) sleeper.Kill();
            sleeper?.Dispose();
        }
    }
}
