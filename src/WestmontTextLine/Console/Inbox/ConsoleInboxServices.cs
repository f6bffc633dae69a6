using WestmontTextLine.Hosting;

namespace WestmontTextLine.Console.Inbox;

/// <summary>
/// The console's side of "talk to a person": the shift button, the inbox and conversation pages' actions (audited, a
/// Close that stopped part-way once the line finished it),
/// the event stream that keeps them live, and the sweep that writes a shift's end after 12 hours to the audit log. The inbox itself (<see cref="Handoff.IHandoffInbox"/>, shifts and
/// events) is registered by the line's Handoff services; this only uses it.
/// </summary>
public static class ConsoleInboxServices
{
    public static IServiceCollection AddConsoleInbox(this IServiceCollection services)
    {
        services.AddSingleton<InboxActions>();
        services.AddSingleton<Handoff.ILateStaffCloseListener, LateCloseAudit>();
        services.AddSingleton<ConversationReads>();
        services.AddSingleton<ShiftSwitch>();
        services.AddSingleton<ShiftStarts>();
        services.AddSingleton<OpenInboxStreams>();
        services.AddBackgroundWorker<LongShiftSweep>();
        return services;
    }
}
