using Microsoft.Extensions.Options;
using WestmontTextLine.Logging;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Outbound;

/// <summary>
/// Deletes the queued messages at the provider, off every text's path. Each pass claims the due SIDs with a lease
/// (another instance never takes them meanwhile), a hundred from each queue at a time, and deletes them a few at a
/// time, claiming again until nothing more is due:
/// <list type="bullet">
/// <item>deleted, or already gone (20404): done, and counted;</item>
/// <item>not final yet (20009): tried again with a growing wait, for up to 14 days after it first fell due, then
/// given up and counted;</item>
/// <item>throttled, a server error, no answer: tried again after Twilio's Retry-After or the same growing wait, and the
/// rest of the queue held meanwhile, one deletion tried at a time until Twilio answers (<see cref="ProviderDeletionState"/>);</item>
/// <item>credentials refused (401/403): logged once ("provider deletion is paused"), the queue kept, /healthz says so,
/// and tried again every 10 minutes until the credentials work.</item>
/// </list>
/// A Twilio outage never touches a reply: the queue just waits.
/// </summary>
public sealed class ProviderDeletionWorker(
    ITwilioMessages messages,
    ProviderDeletions deletions,
    UnqueuedDeletions unqueued,
    ProviderDeletionState state,
    UsageRecorder usage,
    IOptions<TwilioApiOptions> options,
    TimeProvider time,
    ILogger<ProviderDeletionWorker> logger) : PassWorker(PassInterval, time)
{
    public static readonly TimeSpan PassInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(14);
    public static readonly TimeSpan CredentialsRetry = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(6);
    private const int PerPass = 100;
    private const int MaxBatchesPerPass = 1_000;
    /// <summary>
    /// Deletions in flight at once. Each waits on Twilio (0.1-0.2 s), so this is what bounds the rate: 16 at 0.15 s is
    /// about 100 a second, two for each of 50 texts a second. Four (26 a second at 0.15 s) fell behind a night of 27 texts
    /// a second in the soak pass, and the backlog grew by about 1,800 a minute: texts stayed at Twilio ever longer. Well
    /// under Twilio's limit of concurrent requests an account has; a 429 is tried again after its Retry-After.
    /// </summary>
    public const int AtOnce = 16;

    /// <summary>Passes completed, so tests can wait for one without sleeping.</summary>
    public int Passes => _passes;
    private int _passes;

    private readonly PassFaults _faults = new(logger, "Provider deletion pass",
        "the queue is kept: texts stay at Twilio until a pass works");

    protected override bool Runs => deletions.Enabled;

    protected override async Task PassAsync(CancellationToken cancellationToken)
    {
        var failed = false;
        try
        {
            await unqueued.QueueAsync(deletions, cancellationToken);
            // A full claim from either queue means more is due: the pass goes on until both come back short, so the
            // queue drains as fast as the provider answers, not PerPass a queue every 5 seconds (20 a second, which a
            // line answering more texts than that for hours never caught up with: the backlog grew without end).
            for (var batch = 0; batch < MaxBatchesPerPass; batch++)
            {
                // Paused (credentials refused) or held (slow down): one deletion tells when they work again; the rest wait.
                var held = state.Held;
                if (!state.MayTry(Time.GetUtcNow())) break;
                var due = await deletions.ClaimDueAsync(Time.GetUtcNow(), held ? 1 : PerPass, Lease, cancellationToken);
                await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = AtOnce, CancellationToken = cancellationToken },
                    async (item, token) =>
                    {
                        // Refused for another of this claim: this one waits for the retry 10 minutes on, untried.
                        if (!held && state.PausedBecause is not null)
                            await deletions.RescheduleAsync(item, Time.GetUtcNow() + CredentialsRetry, token);
                        // Another of this claim was told to slow down: this one waits with the queue, untried.
                        else if (!held && state.SlowedUntil is { } until)
                            await deletions.RescheduleAsync(item, until, token);
                        else
                            await DeleteAsync(item, token);
                    });
                if (held && !state.Held) continue; // the probe went through: the queue goes on
                var queued = due.Count(item => item.Logged is null);
                if ((queued < PerPass && due.Count - queued < PerPass) || state.Held) break;
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The store is down: the claimed items fall due again when their lease ends.
            failed = true;
            _faults.Failed(ex);
        }
        finally
        {
            if (!failed && !cancellationToken.IsCancellationRequested) _faults.Succeeded();
            Interlocked.Increment(ref _passes);
        }
    }

    private async Task DeleteAsync(DueDeletion deletion, CancellationToken cancellationToken)
    {
        var item = deletion.Item;
        var result = await messages.DeleteAsync(item.Id, cancellationToken);
        var now = Time.GetUtcNow();
        if (result.Outcome is TwilioDeleteOutcome.RetryLater)
        {
            if (state.SlowDown(result.RetryAfter, now))
            {
                // The error whole, as the outbox's hold names it: a request Twilio never answered has no error code.
                logger.LogWarning("Provider deletion is held: Twilio asked the line to slow down or did not answer ({Error}); " +
                    "one deletion is tried at a time until it answers, and the queue is kept: texts stay at Twilio meanwhile", result.Error);
            }
        }
        else if (state.Answered(now))
        {
            logger.LogWarning("Provider deletion goes on: Twilio answers again");
        }
        switch (result.Outcome)
        {
            case TwilioDeleteOutcome.Deleted or TwilioDeleteOutcome.AlreadyGone:
                await deletions.CompleteAsync(deletion, cancellationToken);
                usage.Record([ProviderDeletionMetrics.Deleted], now);
                if (state.Resume(now)) logger.LogWarning("Provider deletion resumed: Twilio accepts the credentials again");
                break;
            case TwilioDeleteOutcome.CredentialsRejected:
                await deletions.RescheduleAsync(deletion, now + CredentialsRetry, cancellationToken);
                var reason = $"Twilio rejected the credentials for AccountSid {options.Value.MaskedAccountSid}: provider deletion is paused";
                if (state.Pause(reason, now)) logger.LogError("{Reason} (Twilio error {Code}); the queue is kept and tried again every 10 minutes", reason, result.ErrorCode);
                break;
            case var _ when now - item.FirstDueAt > GiveUpAfter:
                await deletions.CompleteAsync(deletion, cancellationToken);
                usage.Record([ProviderDeletionMetrics.GivenUp], now);
                logger.LogWarning("Provider deletion of {MessageSid} given up after 14 days: {Outcome} (Twilio error {Code})", new LoggedSid(item.Id), result.Outcome, result.ErrorCode);
                break;
            default:
                await deletions.RescheduleAsync(deletion, now + WaitBeforeRetry(item.Attempts, result.RetryAfter), cancellationToken);
                break;
        }
    }

    /// <summary>Twilio's Retry-After when it gave one; else 1, 2, 4... minutes, at most 6 hours.</summary>
    public static TimeSpan WaitBeforeRetry(int attempts, TimeSpan? retryAfter)
    {
        if (retryAfter is { } given && given > TimeSpan.Zero) return given;
        var minutes = Math.Pow(2, Math.Min(attempts, 20));
        return TimeSpan.FromMinutes(Math.Min(minutes, LongestWait.TotalMinutes));
    }
}
