using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WestmontTextLine.Conversations;
using WestmontTextLine.Engine;
using WestmontTextLine.Flows;
using WestmontTextLine.Sessions;
using WestmontTextLine.Sms;
using WestmontTextLine.Storage;
using WestmontTextLine.Twilio;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Hosting;

/// <summary>Registers the line's parts with the host, from the settings.</summary>
public static class TextLineServices
{
    /// <summary>The same parts for the web host and for the command-line verbs, which use a plain host.</summary>
    public static TBuilder AddTextLine<TBuilder>(this TBuilder builder, StartupWarmup? warmup = null) where TBuilder : IHostApplicationBuilder
    {
        var appRoot = AppRoot.Find(builder.Environment.ContentRootPath);
        appRoot.AddSettingsTo(builder.Configuration, builder.Environment);

        warmup ??= StartupWarmup.Start(appRoot.Resolve(builder.Configuration[$"{TextLineOptions.Section}:FlowsPath"] ?? "flows"));
        var services = builder.Services;
        services.AddSingleton(appRoot);
        services.Configure<TwilioOptions>(builder.Configuration.GetSection(TwilioOptions.Section));
        services.Configure<StorageOptions>(builder.Configuration.GetSection(StorageOptions.Section));
        services.Configure<TextLineOptions>(builder.Configuration.GetSection(TextLineOptions.Section));
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<TextLineOptions>>().Value;
            return warmup.LoadFlows(appRoot.Resolve(options.FlowsPath)).FlowOrThrow();
        });
        services.AddSingleton(provider => new ConversationEngine(
            provider.GetRequiredService<Flow>(), provider.GetRequiredService<IOptions<TextLineOptions>>().Value.SessionTimeout));
        services.AddStorage();
        services.AddSingleton(provider => new SenderKeys(PrivacyKeySource.Resolve(
            provider.GetRequiredService<IOptions<TextLineOptions>>().Value,
            provider.GetRequiredService<IHostEnvironment>(),
            appRoot.Resolve("data"))));
        services.AddSingleton<SenderLocks>();
        services.AddSingleton(provider => new SenderRateLimiter(
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<IOptions<TextLineOptions>>().Value.RateLimitPerMinute));
        services.AddSingleton<RetentionService>();
        services.AddHostedService(provider => provider.GetRequiredService<RetentionService>());
        services.AddSingleton<UsageRecorder>();
        services.AddHostedService<UsageWriter>();
        services.AddSingleton<ConversationService>();
        services.AddSingleton<ValidateTwilioRequestFilter>();
        services.AddSingleton<SmsRequestLimits>();
        services.AddSingleton<SmsEndpointWarmup>();

        services.AddTrustedProxies(builder.Configuration);
        return builder;
    }

    /// <summary>Fails start-up on a broken flow, a missing secret or a store that cannot open, before any text arrives.</summary>
    public static WebApplication UseTextLine(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("WestmontTextLine");
        TwilioStartupCheck.Verify(app.Services.GetRequiredService<IOptions<TwilioOptions>>().Value, app.Environment, logger);
        // The store opens while the flows may still be loading on their own thread.
        app.Services.GetRequiredService<ISessionStore>();
        app.Services.GetRequiredService<SenderKeys>();
        app.Services.GetRequiredService<ConversationEngine>();
        app.UseTrustedForwardedHeaders();
        return app;
    }
}
