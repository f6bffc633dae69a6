using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Support;

/// <summary>
/// The line as operators run it: its own process (the built WestmontTextLine.dll, from the repo root), in
/// Production, on a free loopback port, signing checked. For what a test host cannot show: memory limits, a
/// process's RSS, the files on disk under load, and what start-up prints when it refuses to start.
/// </summary>
public sealed class LineProcess : IAsyncDisposable
{
    public const string AuthToken = "process-auth-token-0123456789abcdef";
    private static readonly TimeSpan StartBudget = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private LineProcess(Process process, int port, string databasePath)
    {
        _process = process;
        Port = port;
        DatabasePath = databasePath;
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(BaseUrl) };
    }

    public int Port { get; }
    public int ProcessId => _process.Id;
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public string DatabasePath { get; }
    public HttpClient Http { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }
    public string Error { get { lock (_error) return _error.ToString(); } }
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts the line; with <paramref name="waitUntilHealthy"/>, returns once /healthz answers 200. Its address is
    /// given with --urls, or with <paramref name="urlsFromEnvironment"/> as ASPNETCORE_URLS.
    /// </summary>
    public static async Task<LineProcess> StartAsync(
        string databasePath, IReadOnlyDictionary<string, string>? environment = null, bool waitUntilHealthy = true,
        string? connectionString = null, bool urlsFromEnvironment = false)
    {
        var port = FreePort.OnLoopback();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var url = $"http://127.0.0.1:{port}";
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "WestmontTextLine.dll"));
        if (urlsFromEnvironment) start.Environment["ASPNETCORE_URLS"] = url;
        else
        {
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add(url);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Twilio__AuthToken"] = AuthToken;
        start.Environment["TextLine__PrivacyKey"] = "process-privacy-key";
        start.Environment["Storage__Provider"] = "Sqlite";
        start.Environment["Storage__ConnectionString"] = connectionString ?? $"Data Source={databasePath}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;

        var line = new LineProcess(new Process { StartInfo = start }, port, databasePath);
        line._process.OutputDataReceived += (_, e) => Append(line._output, e.Data);
        line._process.ErrorDataReceived += (_, e) => Append(line._error, e.Data);
        line._process.Start();
        line._process.BeginOutputReadLine();
        line._process.BeginErrorReadLine();
        if (!waitUntilHealthy) return line;
        try
        {
            await line.WaitUntilHealthyAsync();
        }
        catch
        {
            // The caller never gets the process to dispose: a line left running would hold its port and its file.
            await line.DisposeAsync();
            throw;
        }
        return line;
    }

    public async Task WaitUntilHealthyAsync()
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"the line exited with {_process.ExitCode}:\n{Output}\n{Error}");
            try
            {
                if ((await Http.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            if (watch.Elapsed > StartBudget) throw new TimeoutException($"the line was not healthy within {StartBudget}:\n{Output}\n{Error}");
            await Task.Delay(100);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan budget)
    {
        using var timeout = new CancellationTokenSource(budget);
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    /// <summary>A text as Twilio sends it, signed for this process's URL.</summary>
    public Task<HttpResponseMessage> TextAsync(string from, string body, string messageSid, CancellationToken cancellationToken = default)
    {
        List<KeyValuePair<string, string>> fields =
        [
            new("Body", body), new("From", from), new("To", "+16305559999"), new("MessageSid", messageSid),
            new("AccountSid", "AC00000000000000000000000000000000"),
        ];
        var request = new HttpRequestMessage(HttpMethod.Post, "/sms") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("X-Twilio-Signature", TwilioTestSigner.Sign(AuthToken, BaseUrl + "/sms", fields));
        return Http.SendAsync(request, cancellationToken);
    }

    /// <summary>The reply's words to a text (null for an empty TwiML answer), the answer checked to be a 2xx.</summary>
    public async Task<string?> ReplyAsync(string from, string body, string messageSid)
    {
        using var response = await TextAsync(from, body, messageSid);
        response.EnsureSuccessStatusCode();
        return TwilioClient.ReplyOf(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The process's resident memory, from /proc.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        return 0;
    }

    /// <summary>A clean stop, as <c>systemctl stop</c> and <c>docker stop</c> ask for one: SIGTERM to the line's process.</summary>
    public void Terminate()
    {
        PosixSignal.Send(_process.Id, PosixSignal.Terminate, "the line");
    }

    /// <summary>The names of the files the process has mapped (assemblies, native libraries), from /proc.</summary>
    public IReadOnlySet<string> MappedFileNames() =>
        File.ReadLines($"/proc/{_process.Id}/maps")
            .Select(line => line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length == 6 && fields[5].StartsWith('/'))
            .Select(fields => Path.GetFileName(fields[5]))
            .ToHashSet();

    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        Http.Dispose();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null) return;
        lock (buffer) buffer.AppendLine(line);
    }
}
