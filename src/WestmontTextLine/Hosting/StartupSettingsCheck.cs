using Microsoft.Extensions.Options;

namespace WestmontTextLine.Hosting;

public static class StartupSettingsCheck
{
    /// <summary>
    /// Checks every setting registered with ValidateOnStart now, before anything starts, instead of inside
    /// <c>app.Run()</c>. There, a bad setting was logged as "Hosting failed to start" with a stack trace and thrown
    /// after the host had disposed its services, so it could not be reported in one line; and the endpoint's
    /// warm-up was already running against the services being disposed. The host's own check then finds the
    /// settings already read.
    /// </summary>
    public static WebApplication CheckSettings(this WebApplication app)
    {
        ListenAddressCheck.Check(app.Configuration, app.Environment.ContentRootPath);
        app.Services.GetService<IStartupValidator>()?.Validate();
        return app;
    }
}
