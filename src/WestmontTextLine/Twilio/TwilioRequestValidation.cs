using WestmontTextLine.Http;

using WestmontTextLine.Settings;

namespace WestmontTextLine.Twilio;

/// <summary>Twilio request validation as services and as an endpoint convention, as twilio-aspnet offers it.</summary>
public static class TwilioRequestValidation
{
    /// <summary>The signature settings alone, which `check` reads as well (the verbs have no webhook).</summary>
    public static IServiceCollection AddTwilioRequestSettings(this IServiceCollection services, IConfiguration configuration) =>
        services.AddLineSettings<TwilioOptions, TwilioOptionsValidation>(TwilioOptions.Section, options => options
            .Bind(configuration.GetSection(TwilioOptions.Section))
            // A space around the base URL, easy to leave in an environment variable, would end up in the signed URL; a
            // token read from a secrets file keeps its final line break. Either turned every genuine text away (403).
            .PostConfigure(options =>
            {
                options.RequestValidation.BaseUrl = options.RequestValidation.BaseUrl?.Trim();
                options.AuthToken = options.AuthToken?.Trim();
            }));

    public static IServiceCollection AddTwilioRequestValidation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTwilioRequestSettings(configuration);
        services.AddOptions<TwilioOptions>().ValidateOnStart();
        services.AddSingleton<ValidateTwilioRequestFilter>();
        services.AddSingleton<RefusedSignatures>();
        services.AddHealthChecks().AddCheck<RefusedSignatures>(RefusedSignatures.Name);
        return services;
    }

    /// <summary>Only requests Twilio signed reach the handler; anything else gets an empty 403.</summary>
    public static TBuilder ValidateTwilioRequest<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddRegisteredFilter<TBuilder, ValidateTwilioRequestFilter>();
}
