using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Storage;

/// <summary>
/// A real redis-server process on a free loopback port, with its own temporary data folder, for the tests.
/// It is killed and its folder removed on dispose. A missing redis-server fails the test (in CI and locally):
/// the Redis tests never skip.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private static readonly TimeSpan StartBudget = TimeSpan.FromSeconds(20);
    private readonly StringBuilder _log = new();
    private Process? _process;

    private RedisServer(string executable, bool appendOnly)
    {
        Executable = executable;
        AppendOnly = appendOnly;
        DataDirectory = Directory.CreateTempSubdirectory("textline-redis-").FullName;
    }

    public string Executable { get; }

    /// <summary>With an append-only file the data survives a kill and a restart, as in production.</summary>
    public bool AppendOnly { get; }
    public string DataDirectory { get; }
    public int Port { get; private set; }
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>
    /// The server for a store's contract tests and for a test's own look inside it: with the line's 1.5 s per command
    /// (<see cref="WestmontTextLine.Storage.RedisConnection.TimeoutMilliseconds"/>), a burst of a hundred scripts on one
    /// connection, each waiting for those before it, timed out on a loaded machine. Those tests are not about that budget.
    /// </summary>
    public string ConnectionStringWithoutTheLinesTimeout => $"{ConnectionString},asyncTimeout={TestsBudgetMilliseconds},syncTimeout={TestsBudgetMilliseconds}";

    private const int TestsBudgetMilliseconds = 60_000;
    public bool IsRunning => _process is { HasExited: false };

    public static RedisServer Start(bool appendOnly = false)
    {
        var server = new RedisServer(FindExecutable(), appendOnly);
        try
        {
            // Another process may take the free port between the look-up and the start: try a few ports.
            for (var attempt = 1; ; attempt++)
            {
                server.Port = FreePort.OnLoopback();
                if (server.TryLaunch()) return server;
                if (attempt == 3) throw new InvalidOperationException($"redis-server did not start:\n{server.Log}");
            }
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Starts the server again on the same port and data folder, after <see cref="Kill"/>.</summary>
    public void Restart()
    {
        if (IsRunning) throw new InvalidOperationException("redis-server is still running.");
        // The killed server's port may take a moment to be free again: on a loaded host its exit can wait for a core.
        var deadline = Stopwatch.StartNew();
        while (!TryLaunch())
        {
            if (deadline.Elapsed > StartBudget) throw new InvalidOperationException($"redis-server did not start again on port {Port}:\n{Log}");
            Thread.Sleep(200);
        }
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash or a lost host would.</summary>
    public void Kill()
    {
        if (_process is null) return;
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    /// <summary>Freezes the server (SIGSTOP): connections stay open but nothing answers, as in a network partition.</summary>
    public void Pause() => PosixSignal.Send(ServerProcessId(), PosixSignal.Stop, "redis-server");

    /// <summary>Lets a paused server run again (SIGCONT).</summary>
    public void Resume() => PosixSignal.Send(ServerProcessId(), PosixSignal.Continue, "redis-server");

    // The server is a child of the watching shell: find it among the shell's children.
    private int ServerProcessId()
    {
        var shell = _process?.Id ?? throw new InvalidOperationException("redis-server is not running.");
        var children = File.ReadAllText($"/proc/{shell}/task/{shell}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return children.Select(int.Parse).First(pid => File.ReadAllText($"/proc/{pid}/comm").Trim() == "redis-server");
    }

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    // Runs redis-server under a shell that also watches its stdin, which only this test process holds open: if the
    // test process dies without disposing (a crash, a killed run), the pipe closes and the server stops too.
    private const string StopWithTheTests = """
        exec 3<&0
        "$@" 3<&- &
        server=$!
        (read -r _ <&3; kill "$server" 2>/dev/null) &
        wait "$server"
        """;

    private bool TryLaunch()
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "-c", StopWithTheTests, "redis-server-for-tests", Executable,
            "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", DataDirectory, "--daemonize", "no",
            "--save", "", "--appendonly", AppendOnly ? "yes" : "no", "--appendfsync", "everysec",
            "--maxmemory-policy", "noeviction",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartBudget)
        {
            if (process.HasExited)
            {
                process.Dispose();
                _process = null;
                return false;
            }
            if (AnswersPing()) return true;
            Thread.Sleep(50);
        }
        Kill();
        throw new TimeoutException($"redis-server on port {Port} did not answer PING within {StartBudget.TotalSeconds} s:\n{Log}");
    }

    // A raw PING, so that readiness does not depend on the client library under test. "-LOADING" means not yet.
    private bool AnswersPing()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            using var stream = client.GetStream();
            stream.ReadTimeout = 1000;
            stream.Write("PING\r\n"u8);
            var buffer = new byte[64];
            var read = stream.Read(buffer, 0, buffer.Length);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// True once every write the server has answered is in its append-only file (the buffer empty), so that a
    /// <see cref="Kill"/> loses none of it: with <c>appendfsync everysec</c> Redis may hold writes back while a
    /// background fsync runs, so tests wait on this rather than for a second.
    /// </summary>
    public bool HasWrittenItsAppendOnlyFile()
    {
        if (!AppendOnly) throw new InvalidOperationException("This server keeps no append-only file.");
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, Port);
        using var stream = client.GetStream();
        stream.ReadTimeout = 1000;
        stream.Write("INFO persistence\r\n"u8);
        var reply = new StringBuilder();
        var buffer = new byte[4096];
        while (!reply.ToString().Contains("aof_buffer_length:", StringComparison.Ordinal) || !reply.ToString().EndsWith("\r\n", StringComparison.Ordinal))
        {
            var read = stream.Read(buffer, 0, buffer.Length);
            if (read == 0) return false;
            reply.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        return reply.ToString().Contains("\r\naof_buffer_length:0\r\n", StringComparison.Ordinal);
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    private static string FindExecutable()
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Concat(["/usr/bin", "/usr/local/bin", "/usr/sbin"]);
        return folders.Select(folder => Path.Combine(folder, "redis-server")).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "redis-server is not installed, so the Redis tests cannot run. Install it: apt-get update && apt-get install -y redis-server" +
                (Environment.GetEnvironmentVariable("CI") == "true" ? " (.ci/run should have done so)." : "."));
    }

    public void Dispose()
    {
        Kill();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
