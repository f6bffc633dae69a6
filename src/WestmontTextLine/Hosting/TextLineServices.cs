using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Conversations;
using WestmontTextLine.Engine;
using WestmontTextLine.Flows;
using WestmontTextLine.Handoff;
using WestmontTextLine.Health;
using WestmontTextLine.Http;
using WestmontTextLine.Outbound;
using WestmontTextLine.Privacy;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Senders;
using WestmontTextLine.Sessions;
using WestmontTextLine.Sms;
using WestmontTextLine.Spool;
using WestmontTextLine.Storage;
using WestmontTextLine.Twilio;
using WestmontTextLine.Usage;
using WestmontTextLine.Settings;

namespace WestmontTextLine.Hosting;

/// <summary>Registers the line's parts with the host, from the settings; each folder adds its own.</summary>
public static class TextLineServices
{
    /// <summary>The same parts for the web host and for the command-line verbs, which use a plain host.</summary>
    public static TBuilder AddTextLine<TBuilder>(this TBuilder builder, FlowPreload? flows = null) where TBuilder : IHostApplicationBuilder
    {
        var appRoot = AppRoot.Find(builder.Environment.ContentRootPath);
        appRoot.AddSettingsTo(builder.Configuration, builder.Environment);
        var flowsPath = builder.Configuration[$"{TextLineOptions.Section}:FlowsPath"] ?? "flows";
        // A path no file system takes (a NUL in it) is refused by the settings check; it must not throw here first.
        flows ??= FlowPreload.Start(appRoot.Resolve(TextLineOptionsValidation.IsPath(flowsPath) ? flowsPath : "flows"));

        var services = builder.Services;
        services.AddSingleton(appRoot);
        services.TryAddSingleton(TimeProvider.System);
        // Every section, the web host's own included, so that `check` reads what the start reads.
        services.AddSettingsSections(builder.Configuration);
        services.AddOptions<TextLineOptions>().ValidateOnStart();
        services.AddOptions<StorageOptions>().ValidateOnStart();

        services.AddSingleton(provider => flows.LoadFlows(appRoot.Resolve(Options(provider).FlowsPath)).FlowOrThrow());
        services.AddSingleton(provider => new ConversationEngine(
            provider.GetRequiredService<Flow>(), Options(provider).SessionTimeout,
            provider.GetRequiredService<IOptions<TwilioApiOptions>>().Value.DeletesMessages));
        services.AddStorage();
        services.AddSenders(builder.Configuration);
        services.AddBackgroundWorker<RetentionService>();
        services.AddSingleton<UsageRecorder>();
        services.AddHostedService<UsageWriter>();
        services.AddOutbound(builder.Configuration);
        services.AddSingleton<LineClock>();
        services.AddCheckIns(builder.Configuration);
        services.AddHandoff(builder.Configuration);
        services.AddSingleton<ConversationAnswers>();
        services.AddSpool();
        services.AddSingleton<FallbackEpisode>();
        services.AddSingleton<StoreFaultJustSeen>();
        services.AddSingleton<ConversationService>();
        return builder;
    }

    /// <summary>What only the web host needs: the webhook's filters, its warm-up, health checks and the proxy rule.</summary>
    public static WebApplicationBuilder AddTextLineWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddTwilioRequestValidation(builder.Configuration);
        EndpointJson.AddEndpointJson(services);
        services.AddSingleton<SmsRequestLimits>();
        services.AddSingleton<SmsStatusCallback>();
        services.AddSingleton<TextConversations>();
        services.AddSingleton<SmsEndpointWarmup>();
        services.AddSingleton<StoredKeysCheck>();
        services.AddSingleton<CleanStopLog>();
        // Before the workers, whose first passes must find what the line's last run left claimed.
        services.AddHostedService<LeasesOfAStoppedCopy>();
        // Before the workers too: the host stops services in the reverse order, so this gives back their leases after them.
        services.AddHostedService<LeasesGivenBackAtStop>();
        services.AddOutboundWorkers();
        services.AddCheckInWorker();
        services.AddSpoolWorker();
        services.AddHandoffWorker();
        services.AddLineHealthChecks();
        services.AddBackgroundWorker<RedisDataWatch>();
        services.AddBackgroundWorker<SqliteCopyMarkWorker>();
        services.AddBackgroundWorker<IdleMemoryReturn>();
        services.AddTrustedProxies(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// Before any text arrives: the settings are valid, the flows load and the store opens, or start-up stops with
    /// the reason. Then the forwarded-headers rule.
    /// </summary>
    public static WebApplication UseTextLine(this WebApplication app)
    {
        TwilioOptionsValidation.LogNotices(app.Services.GetRequiredService<IOptions<TwilioOptions>>().Value, app.Environment, app.Logger);
        var provider = app.Services.GetRequiredService<IOptions<TwilioApiOptions>>().Value;
        app.Logger.Log(provider.SendsWithoutDeliveryReports ? LogLevel.Warning : LogLevel.Information, "{Provider}", provider.Describe());
        // Settings are validated here already, not only when the host starts, so that nothing below runs on a bad one.
        _ = Options(app.Services);
        _ = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        app.Services.GetRequiredService<SenderKeys>();
        // The store opens while the flows may still be loading on their own thread.
        app.Services.GetRequiredService<ISessionStore>();
        app.Services.GetRequiredService<ConversationEngine>();
        app.UseTrustedForwardedHeaders();
        app.Use(app.Services.GetRequiredService<WorkerStartSignal>().ObserveAsync);
        return app;
    }

    private static TextLineOptions Options(IServiceProvider provider) => provider.GetRequiredService<IOptions<TextLineOptions>>().Value;
}
