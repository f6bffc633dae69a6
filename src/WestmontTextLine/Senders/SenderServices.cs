using System.Text;
using Microsoft.Extensions.Options;
using WestmontTextLine.Privacy;
using WestmontTextLine.Settings;

namespace WestmontTextLine.Senders;

/// <summary>
/// Everything the line knows of who sent a text, in one place: the keyed hash a session is stored under (never the
/// number itself), a lock per sender, and a rate limit per sender. Today nothing stores a number: features that must
/// text someone back (check-ins, staff replies) keep it encrypted, and only while they need it.
/// </summary>
public static class SenderServices
{
    public static IServiceCollection AddSenderSettings(this IServiceCollection services, IConfiguration configuration) =>
        services.AddLineSettings<SenderOptions, SenderOptionsValidation>(SenderOptions.Section, options => options.Bind(configuration.GetSection(SenderOptions.Section)));

    public static IServiceCollection AddSenders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSenderSettings(configuration);
        services.AddOptions<SenderOptions>().ValidateOnStart();
        services.AddSingleton<DevelopmentPrivacyKey>();
        services.AddSingleton<IPostConfigureOptions<SenderOptions>>(provider => provider.GetRequiredService<DevelopmentPrivacyKey>());
        services.AddSingleton(provider => new SenderKeys(Encoding.UTF8.GetBytes(
            provider.GetRequiredService<IOptions<SenderOptions>>().Value.PrivacyKey!)));
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<SenderOptions>>().Value;
            return new PersonalDataCipher(Encoding.UTF8.GetBytes(options.EncryptionKeyMaterial),
                options.PreviousEncryptionKeyMaterial is { } previous ? Encoding.UTF8.GetBytes(previous) : null);
        });
        services.AddSingleton<SenderLocks>();
        services.AddSingleton<TexterTurns>();
        services.AddSingleton(provider => new SenderRateLimiter(
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<IOptions<TextLineOptions>>().Value.RateLimitPerMinute));
        return services;
    }
}
