using Microsoft.Extensions.Options;
using WestmontTextLine.Settings;

namespace WestmontTextLine.Senders;

/// <summary>
/// The privacy-key settings checked by every rule the line checks them with, but without creating the Development key
/// file (<see cref="DevelopmentPrivacyKey"/> as for <see cref="LookOnly"/>): for a verb that may find nothing to work on
/// and must then leave nothing behind (`staff list` where there is no database).
/// </summary>
public static class SenderOptionsLookOnly
{
    /// <exception cref="OptionsValidationException">A setting the line would refuse, named as the line names it.</exception>
    public static void Check(IServiceProvider services)
    {
        var keyLookingOnly = ActivatorUtilities.CreateInstance<DevelopmentPrivacyKey>(services, new LookOnly());
        var options = new OptionsFactory<SenderOptions>(
            services.GetServices<IConfigureOptions<SenderOptions>>(),
            services.GetServices<IPostConfigureOptions<SenderOptions>>().Select(post => post is DevelopmentPrivacyKey ? keyLookingOnly : post),
            services.GetServices<IValidateOptions<SenderOptions>>());
        _ = options.Create(Options.DefaultName);
    }
}
