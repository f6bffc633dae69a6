using Microsoft.Extensions.Options;
using WestmontTextLine.Flows;
using WestmontTextLine.Storage;

namespace WestmontTextLine.Hosting;

/// <summary>
/// A start-up refused for a reason the operator can fix (a setting, a flow file, a database that cannot be
/// written) is reported in plain words on standard error, without a stack trace, and the process exits with 1.
/// </summary>
public static class StartupFailure
{
    public const int ExitCode = 1;

    /// <summary>
    /// True for a failure to report in one line. Under a test host (WebApplicationFactory) the exception goes on to
    /// the test instead, which asserts on it.
    /// </summary>
    public static bool IsExplained(Exception exception, IServiceProvider services) =>
        exception is StorageUnavailableException or OptionsValidationException or FlowLoadException
        && services.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>()?.GetType().FullName != "Microsoft.AspNetCore.TestHost.TestServer";

    public static int Report(Exception exception)
    {
        var message = exception is OptionsValidationException options ? string.Join(" ", options.Failures) : exception.Message;
        global::System.Console.Error.WriteLine($"The line did not start: {message}");
        return ExitCode;
    }
}
