using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;
using WestmontTextLine.Flows;
using WestmontTextLine.Settings;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Hosting;

/// <summary>
/// A start-up refused for a reason the operator can fix (a setting, a flow file, a database that cannot be
/// written) is reported in plain words on standard error, without a stack trace, and the process exits with 1. So is
/// what Kestrel finds only while starting (an address another process already listens on, an https address without a
/// certificate), with the host's own log of it left out (<see cref="HostStartLog"/>).
/// </summary>
public sealed class StartupFailure
{
    public const int ExitCode = 1;
    private const string TestServerType = "Microsoft.AspNetCore.TestHost.TestServer";

    private readonly bool _underTestServer;

    private StartupFailure(bool underTestServer) => _underTestServer = underTestServer;

    /// <summary>
    /// Asks the line's services now, while they can still be asked: a failure inside <c>app.Run()</c> arrives after
    /// the host has disposed them.
    /// </summary>
    public static StartupFailure For(WebApplication app)
    {
        try
        {
            return new(app.Services.GetService<IServer>()?.GetType().FullName == TestServerType);
        }
        catch (Exception)
        {
            // A server that cannot be made fails again when the host starts, and is no setting to report in one line.
            return new(underTestServer: false);
        }
    }

    /// <summary>
    /// True for a failure to report in one line. Under a test host (WebApplicationFactory) the exception goes on to
    /// the test instead, which asserts on it.
    /// </summary>
    public bool IsExplained(Exception exception) => !_underTestServer && Explains(exception);

    /// <summary>
    /// Builds the host, or reports in one line the settings that are read while it is built (the log levels, the
    /// console logger's settings) and returns null.
    /// </summary>
    public static WebApplication? Build(WebApplicationBuilder builder)
    {
        HostStartLog.LeaveOutStartFailuresTheLineReports(builder.Services);
        try
        {
            return builder.Build();
        }
        catch (Exception ex) when (LogLevelSettings.IsUnreadable(ex))
        {
            Print(LogLevelSettings.Explain(builder.Configuration, ex), oneLine: true);
        }
        catch (Exception ex) when (IsUnreadableSetting(ex))
        {
            Report(ex);
        }
        return null;
    }

    // A broken flow's errors stay one to a line, as `check` prints them.
    public static int Report(Exception exception) => Print(string.Join(" ", Reasons(exception)), oneLine: exception is not FlowLoadException);

    // One line, as a log collector keeps it.
    private static int Print(string reasons, bool oneLine)
    {
        global::System.Console.Error.WriteLine($"The line did not start: {(oneLine ? Printable(reasons.ReplaceLineEndings(" ")) : reasons)}");
        return ExitCode;
    }

    // A message repeats the value it refuses: a control character in it would reach the terminal or the log as it is,
    // and a value of 100 KB would make a line no log collector keeps whole.
    private const int LongestLine = 4000;

    private static string Printable(string line)
    {
        var shown = string.Create(line.Length, line, static (span, text) =>
        {
            for (var i = 0; i < text.Length; i++) span[i] = char.IsControl(text[i]) ? '?' : text[i];
        });
        return shown.Length <= LongestLine ? shown : shown[..LongestLine] + "…";
    }

    // Several settings that fail at once arrive together, as an AggregateException of one exception each.
    internal static bool Explains(Exception exception) => exception is AggregateException { InnerExceptions.Count: > 0 } all
        ? all.InnerExceptions.All(Explains)
        : exception is StorageUnavailableException or OptionsValidationException or FlowLoadException || IsAddressInUse(exception)
          || IsUnreadableSetting(exception) || IsHttpsWithoutCertificate(exception);

    private static bool IsUnreadableSetting(Exception exception) => UnreadableSetting.Is(exception);

    // Kestrel's own words: "Unable to configure HTTPS endpoint. No server certificate was specified ..."
    private static bool IsHttpsWithoutCertificate(Exception exception) =>
        exception is InvalidOperationException && exception.Message.StartsWith("Unable to configure HTTPS endpoint", StringComparison.Ordinal);

    // Kestrel's own words name the address: "Failed to bind to address http://127.0.0.1:5080: address already in use."
    private static bool IsAddressInUse(Exception exception) => exception is IOException { InnerException: AddressInUseException };

    private static IEnumerable<string> Reasons(Exception exception) => exception switch
    {
        AggregateException all => all.InnerExceptions.SelectMany(Reasons),
        OptionsValidationException options => options.Failures,
        _ when IsUnreadableSetting(exception) => [UnreadableSetting.Explain(exception)],
        _ when IsHttpsWithoutCertificate(exception) =>
            [exception.Message, "Give Kestrel a certificate (Kestrel:Certificates:Default:Path), or listen on http behind a proxy that ends TLS (see README)."],
        _ when IsAddressInUse(exception) =>
            [exception.Message, "Stop what listens there (another copy of the line?), or set Urls (ASPNETCORE_URLS) to another address."],
        _ => [exception.Message],
    };
}
