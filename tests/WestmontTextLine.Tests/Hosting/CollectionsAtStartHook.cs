using System.Diagnostics;
using System.Runtime;

/// <summary>
/// A startup hook for the line in its own process (DOTNET_STARTUP_HOOKS naming this assembly): at the end of each
/// request, writes the path, how many collections the GC has run since the process started and whether collections
/// are held off, one line each, to the file TEXTLINE_TEST_COLLECTIONS_FILE names. Only the runtime's own types are
/// used, so nothing else of this assembly loads in the line.
/// </summary>
internal static class StartupHook
{
    public const string FileVariable = "TEXTLINE_TEST_COLLECTIONS_FILE";

    public static void Initialize()
    {
        if (Environment.GetEnvironmentVariable(FileVariable) is not { Length: > 0 } file) return;
        DiagnosticListener.AllListeners.Subscribe(new Listeners(file));
    }

    private sealed class Listeners(string file) : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == "Microsoft.AspNetCore") listener.Subscribe(new RequestEnds(file));
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }

    private sealed class RequestEnds(string file) : IObserver<KeyValuePair<string, object?>>
    {
        private readonly Lock _gate = new();

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key != "Microsoft.AspNetCore.Hosting.EndRequest") return;
            var path = value.Value is Microsoft.AspNetCore.Http.HttpContext context ? context.Request.Path.Value : "?";
            var line = $"{path} {GC.CollectionCount(0)} {GCSettings.LatencyMode}\n";
            lock (_gate) File.AppendAllText(file, line);
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }
    }
}
