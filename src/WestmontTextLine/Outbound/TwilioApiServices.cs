using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

using Polly;
using WestmontTextLine.Settings;

namespace WestmontTextLine.Outbound;

/// <summary>
/// Registers the provider client: <see cref="TwilioApiOptions"/> from the "Twilio" section (validated when a host
/// starts, so a broken setting stops start-up), <see cref="ITwilioMessages"/>, and <see cref="TwilioHttpClients"/>,
/// which at the first call builds the named HttpClient "Twilio" from IHttpClientFactory with its handlers (outermost
/// first: the caller's cancellation, the resilience pipeline of <see cref="TwilioApiResilience"/>, the attempt
/// recorder). The HttpClient follows no redirects (as the SDK's own), logs nothing (the factory's default loggers
/// would log each request's URL, and Polly each attempt), and has the total timeout plus a margin as a last backstop
/// for reading an answer's body, which the pipeline's timeouts do not cover.
/// </summary>
public static class TwilioApiServices
{
    public const string HttpClientName = "Twilio";

    public static IServiceCollection AddTwilioApiSettings(this IServiceCollection services, IConfiguration configuration) =>
        services.AddLineSettings<TwilioApiOptions, TwilioApiOptionsValidator>(TwilioApiOptions.Section, options => options
            .Bind(configuration.GetSection(TwilioApiOptions.Section))
            // Twilio's tokens have no spaces: one around it is a secrets file's line break, and would fail every call.
            .PostConfigure(options => options.AuthToken = options.AuthToken?.Trim()));

    public static IServiceCollection AddTwilioApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTwilioApiSettings(configuration);
        services.AddOptions<TwilioApiOptions>().ValidateOnStart();
        services.TryAddSingleton<TwilioHttpClients>();
        services.TryAddSingleton<TwilioRestClients>();
        services.TryAddSingleton<ITwilioMessages, TwilioMessages>();
        return services;
    }

    /// <summary>The named client and its handlers, in <see cref="TwilioHttpClients"/>' own container.</summary>
    internal static IServiceCollection AddTwilioHttpClient(this IServiceCollection services)
    {
        services.TryAddTransient<TwilioCallCancellationHandler>();
        services.TryAddTransient<TwilioAttemptRecorder>();
        var client = services.AddHttpClient(HttpClientName, (provider, http) =>
            {
                var resilience = provider.GetRequiredService<IOptions<TwilioApiOptions>>().Value.Resilience;
                http.Timeout = resilience.TotalTimeout + TimeSpan.FromSeconds(5);
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .RemoveAllLoggers()
            .AddHttpMessageHandler<TwilioCallCancellationHandler>();
        client.AddResilienceHandler("twilio-api", (pipeline, context) =>
            {
                // Polly's own lines (two warnings a retried attempt, an error a last one: hundreds a minute through a
                // run of 429s) say less than the line's outcome lines, which are written once an episode.
                pipeline.ConfigureTelemetry(NullLoggerFactory.Instance);
                TwilioApiResilience.Configure(
                    pipeline, context.ServiceProvider.GetRequiredService<IOptions<TwilioApiOptions>>().Value.Resilience);
            });
        client.AddHttpMessageHandler<TwilioAttemptRecorder>();
        return services;
    }
}
