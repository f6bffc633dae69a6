using Microsoft.Extensions.Options;
using WestmontTextLine.Settings;

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
    /// <remarks>
    /// Every section is read and every problem reported at once, through the same list `check` uses
    /// (<see cref="SettingsCheck"/>). A setting the line would ignore (a misspelt key) is a warning; when the start is
    /// refused, it is named in the same line too, since it is often why (Twilio:AuthTokn set, Twilio:AuthToken missing).
    /// </remarks>
    public static WebApplication CheckSettings(this WebApplication app)
    {
        var check = SettingsCheck.Run(app.Services, app.Configuration, app.Environment.ContentRootPath);
        foreach (var warning in check.Warnings) app.Logger.LogWarning("{Setting}", warning);
        if (check.Errors.Count > 0) throw new OptionsValidationException("Settings", typeof(SettingsCheck), [.. check.Errors, .. check.Warnings]);
        app.Services.GetService<IStartupValidator>()?.Validate();
        return app;
    }
}
