using Microsoft.Extensions.Options;
using WestmontTextLine.Hosting;
using WestmontTextLine.Outbound;
using WestmontTextLine.Records;
using WestmontTextLine.Storage;

using WestmontTextLine.Settings;

namespace WestmontTextLine.Handoff;

/// <summary>
/// Talk to a person: the settings, the texter's side (<see cref="HandoffService"/>), the staff inbox
/// (<see cref="IHandoffInbox"/>), the shift list (<see cref="IShifts"/>) and the inbox's events (<see cref="IInboxEvents"/>:
/// Redis pub/sub on Redis, so every instance hears every change; in-process otherwise).
/// </summary>
public static class HandoffServices
{
    public static IServiceCollection AddHandoffSettings(this IServiceCollection services, IConfiguration configuration) =>
        services.AddLineSettings<HandoffOptions, HandoffOptionsValidation>(HandoffOptions.Section, options => options.Bind(configuration.GetSection(HandoffOptions.Section)));

    public static IServiceCollection AddHandoff(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHandoffSettings(configuration);
        services.AddOptions<HandoffOptions>().ValidateOnStart();
        services.AddPrivateRecords();
        services.AddSingleton<HandoffStore>();
        // Only Redis needs its engine here: on SQLite (or in memory, for `chat`) nothing is opened for the events.
        services.AddSingleton<IInboxEvents>(provider =>
            provider.GetRequiredService<IOptions<StorageOptions>>().Value.Is(StorageOptions.Redis)
                ? RedisInboxEvents(provider)
                : new InProcessInboxEvents());
        services.AddSingleton<IShifts, ShiftRoster>();
        services.AddSingleton<HandoffTexts>();
        services.AddSingleton<HandoffAvailability>();
        services.AddSingleton<HandoffConversations>();
        services.AddSingleton<WithdrawingAsks>();
        services.AddSingleton<HandoffOpening>();
        services.AddSingleton<HandoffUrgentNotes>();
        services.AddSingleton<HandoffService>();
        services.AddSingleton<StaffReplyChecks>();
        services.AddSingleton<IHandoffInbox, HandoffInbox>();
        services.AddSingleton<IOutboundOutcomes, HandoffDeliveries>();
        services.AddSingleton<ICarrierOptOutListener, HandoffCarrierOptOuts>();
        services.AddSingleton<CheckIns.ICheckInMissedListener, HandoffCheckInNotes>();
        return services;
    }

    private static IInboxEvents RedisInboxEvents(IServiceProvider provider) =>
        new RedisInboxEvents(RedisEngine.Of(provider), provider.GetRequiredService<ILogger<RedisInboxEvents>>());

    /// <summary>What only the server runs: the conversations' timers.</summary>
    public static IServiceCollection AddHandoffWorker(this IServiceCollection services)
    {
        services.AddBackgroundWorker<HandoffWorker>();
        return services;
    }
}
