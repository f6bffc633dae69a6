using System.Security.Cryptography;
using System.Text;
using WestmontTextLine.Outbound;
using WestmontTextLine.Scheduling;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// The texts a step of a check-in timer sends (the check-in text; a missed check-in's alerts and her text), each
/// queued under an outbox id made from her timer, the step and the label, so that a step run again does not send
/// them twice. A step runs again when its claim's lease ran out before it was noted: its instance was killed
/// (kill -9), or its next write was refused (Redis at its maxmemory), just after a text was queued. Found with two
/// instances on one Redis: the check-in text went out twice, and her contact got two alerts. Run again, a text still
/// in the outbox is the same item; one that has left it is looked for at the provider, as the outbox looks for an
/// uncertain send (<see cref="OutboundTextWorker"/>), and queued again only when the provider has none.
/// </summary>
public sealed class CheckInStepTexts(IOutboundTexts outbound, IScheduledWork work, ITwilioMessages messages)
{
    /// <summary>An outbox id of letters and digits: no keyed hash of hers in the status callback's URL or the logs.</summary>
    public static string IdOf(CheckInStep step, string label) =>
        "ci" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{step.TexterKey}\n{step.DueAt.ToUnixTimeMilliseconds()}\n{label}")))[..40];

    /// <summary>Queues the step's text with this label, all or nothing, unless the step ran before and queued or sent it.</summary>
    public async Task SendAsync(CheckInStep step, string to, string body, string label, CancellationToken cancellationToken)
    {
        var id = IdOf(step, label);
        if (step.RunBefore && await QueuedOrSentAsync(id, to, body, step.DueAt, cancellationToken)) return;
        await outbound.SendAsOrNothingAsync(id, to, body, label, cancellationToken);
    }

    private async Task<bool> QueuedOrSentAsync(string id, string to, string body, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        if (await work.GetAsync(WorkKinds.Send, id, cancellationToken) is not null) return true;
        var found = await messages.FindSentAsync(to, body, dueAt - OutboundTextWorker.ProviderClockSlack, cancellationToken);
        // The provider could not say: the step fails, and is tried again when its lease ends.
        if (found.Error is { Kind: TwilioErrorKind.RetryLater or TwilioErrorKind.Uncertain or TwilioErrorKind.CredentialsRejected } error)
        {
            throw new TimeoutException($"Whether a check-in text went out could not be read from the provider: {error.Kind}.");
        }
        // A provider without that list: sent again, so at most twice (the outbox's own rule). Under Twilio's Message
        // Redaction the words are gone: a text of the line's to this number since the step fell due is taken as this one.
        return found.Sids.Count > 0 || found.HiddenSids.Count > 0;
    }
}

/// <summary>
/// One step of her timer: the check-in text (due at the timer's time) or the missed check-in (due at the grace's end).
/// <paramref name="RunBefore"/>: an earlier run of it may have queued its texts (its claim's lease ran out).
/// </summary>
public sealed record CheckInStep(string TexterKey, DateTimeOffset DueAt, bool RunBefore);
