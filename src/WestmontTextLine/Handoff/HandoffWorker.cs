using WestmontTextLine.Scheduling;

namespace WestmontTextLine.Handoff;

/// <summary>
/// Runs the conversations' timers every 5 seconds, each claimed with a lease so one instance runs it: an open
/// conversation silent for Handoff:IdleClose (or a message no one answered in its wait) closes with a short text to
/// her; a closed one is deleted, bodies and all, Handoff:KeepFor after it closed. A timer that fell due while the line
/// was down runs at start. Each pass also checks that staff replies reached the outbox (<see cref="StaffReplyChecks"/>).
/// </summary>
public sealed class HandoffWorker(
    IScheduledWork work, HandoffConversations conversations, StaffReplyChecks replyChecks, TimeProvider time, ILogger<HandoffWorker> logger)
    : PassWorker(PassInterval, time)
{
    public static readonly TimeSpan PassInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private const int PerPass = 100;

    private readonly PassFaults _faults = new(logger, "Handoff timer pass",
        "its timers are kept: chats left idle close late, and closed ones are deleted late");

    protected override async Task PassAsync(CancellationToken cancellationToken)
    {
        try
        {
            var due = await work.ClaimDueAsync(WorkKinds.Handoff, Time.GetUtcNow(), PerPass, Lease, cancellationToken);
            foreach (var item in due) await conversations.TimerAsync(item.Id, cancellationToken);
            await replyChecks.RunDueAsync(PerPass, Lease, cancellationToken);
            if (!cancellationToken.IsCancellationRequested) _faults.Succeeded();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The claimed timers fall due again when their lease ends.
            _faults.Failed(ex);
        }
    }
}
