using WestmontTextLine.Health;
using WestmontTextLine.Hosting;
using WestmontTextLine.Scheduling;

namespace WestmontTextLine.Outbound;

/// <summary>The provider's parts: its REST client, deletion at the provider, delivery statuses, the outbox.</summary>
public static class OutboundServices
{
    /// <summary>What the web host and the CLI share: the client, the queues, what the features call.</summary>
    public static IServiceCollection AddOutbound(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTwilioApi(configuration);
        services.AddScheduling();
        services.AddSingleton<ProviderDeletions>();
        services.AddSingleton<UnqueuedDeletions>();
        services.AddSingleton<UnreportedOutcomes>();
        services.AddSingleton<RecentStatusCallbacks>();
        services.AddSingleton<DeliveryStatuses>();
        services.AddSingleton<CarrierRefusedLine>();
        services.AddSingleton<FilteredSafetyTexts>();
        services.AddSingleton<OutcomeListeners>();
        services.AddSingleton<SentOnceTexts>();
        services.AddSingleton<AcceptedTexts>();
        services.AddSingleton<IOutboundTexts, OutboundTexts>();
        services.AddSingleton<CarrierOptOuts>();
        services.AddSingleton<ForgottenRecipients>();
        services.AddSingleton<StopsOfHeldTexts>();
        services.AddSingleton<OptedOutNumbers>();
        return services;
    }

    /// <summary>What only the server runs: the workers that delete and send, and their health.</summary>
    public static IServiceCollection AddOutboundWorkers(this IServiceCollection services)
    {
        services.AddSingleton<ProviderDeletionState>();
        services.AddSingleton<OutboundFailures>();
        services.AddSingleton<OutboundSenderState>();
        services.AddSingleton<OutboundPause>();
        services.AddBackgroundWorker<ProviderDeletionWorker>();
        services.AddBackgroundWorker<OutboundTextWorker>();
        services.AddHealthChecks().AddCheck<ProviderHealthCheck>(ProviderHealthCheck.Name);
        return services;
    }
}
