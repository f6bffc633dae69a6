using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using WestmontTextLine.Privacy;
using WestmontTextLine.Scheduling;
using WestmontTextLine.Senders;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Outbound;

/// <summary>
/// FORGET reaches the outbox: a text queued to her number before it (a check-in text or a staff reply waiting out a
/// provider outage) is withdrawn instead of reaching a phone whose owner asked the line to forget her, and the notes
/// kept beside sent texts that name her are deleted (<see cref="IForgottenListener"/>). The outbox is
/// read and decrypted whole for it, so it is done by the outbox worker at its next pass, not on her text's path: her
/// FORGET only queues the request (her keyed hash, encrypted, kept until that pass).
/// </summary>
public sealed class ForgottenRecipients(
    IScheduledWork work,
    PersonalDataCipher cipher,
    SenderKeys senderKeys,
    UsageRecorder usage,
    IOptions<TwilioApiOptions> options,
    IEnumerable<IForgottenListener> listeners,
    TimeProvider time,
    ILogger<ForgottenRecipients> logger)
{
    private const int PerPass = 50;

    /// <summary>The ids of FORGETs held by another instance whose texts this one has withdrawn: each is read once, not at every send.</summary>
    private readonly ConcurrentDictionary<string, bool> _heldElsewhereDone = new(StringComparer.Ordinal);

    /// <summary>
    /// Queues the withdrawal, her keyed hash encrypted under a random id: in plain it would stay in the SQLite WAL's old
    /// page images after the request is done, where FORGET empties the WAL of everything else of hers. Without a
    /// provider account nothing is ever queued to send, so nothing is kept.
    /// </summary>
    public Task ForgetAsync(string senderKey, CancellationToken cancellationToken)
    {
        if (!options.Value.CanSend) return Task.CompletedTask;
        var id = OutboundTexts.NewId();
        var payload = cipher.Encrypt(senderKey, Associated(id));
        return work.ScheduleAsync(WorkKinds.Forget, id, time.GetUtcNow(), payload, cancellationToken);
    }

    private static string Associated(string id) => $"{WorkKinds.Forget}:{id}";

    /// <summary>Withdraws every queued text to the numbers that asked to be forgotten since the last pass.</summary>
    public async Task WithdrawAsync(CancellationToken cancellationToken)
    {
        if (await work.CountAsync(WorkKinds.Forget, cancellationToken) == 0)
        {
            _heldElsewhereDone.Clear();
            return;
        }
        // The outbox's short lease, not renewed: on Redis a FORGET an instance killed mid-pass had claimed is another's
        // within it, not 2 minutes later. One that outlasts it (a long outbox read) may be done by another instance too,
        // and a withdrawal done twice withdraws nothing twice.
        var due = await work.ClaimDueAsync(WorkKinds.Forget, time.GetUtcNow(), PerPass, OutboundTextWorker.ClaimLease, cancellationToken);
        var forgotten = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in due) AddKeyOf(item, forgotten);
        var heldElsewhere = await AddHeldElsewhereAsync(due, forgotten, cancellationToken);
        if (due.Count == 0 && heldElsewhere.Count == 0) return;
        var withdrawn = 0;
        await foreach (var id in work.ListIdsAsync(WorkKinds.Send, cancellationToken))
        {
            if (await RecipientOfAsync(id, cancellationToken) is not { } to || !forgotten.Contains(senderKeys.KeyOf(to.Number))) continue;
            if (!await work.CancelAsync(WorkKinds.Send, id, cancellationToken)) continue;
            usage.Record([OutboundMetrics.Suppressed(to.Label)], time.GetUtcNow());
            withdrawn++;
        }
        foreach (var listener in listeners) await listener.ForgottenAsync(forgotten, cancellationToken);
        foreach (var item in due) await work.CompleteAsync(WorkKinds.Forget, item.Id, cancellationToken);
        foreach (var id in heldElsewhere) _heldElsewhereDone.TryAdd(id, true);
        if (withdrawn > 0) logger.LogInformation("Withdrew {Count} queued texts to numbers that texted FORGET", withdrawn);
    }

    /// <summary>
    /// FORGETs held under another instance's lease (withdrawing now, or killed part way: its lease has up to 20 s to run)
    /// that this instance has not yet acted on: her texts are withdrawn here too, so that this instance does not send her
    /// one meanwhile. Each is completed only by whoever holds it. Returns their ids.
    /// </summary>
    private async Task<List<string>> AddHeldElsewhereAsync(IReadOnlyList<ScheduledItem> claimed, HashSet<string> forgotten,
        CancellationToken cancellationToken)
    {
        var found = new List<string>();
        await foreach (var id in work.ListIdsAsync(WorkKinds.Forget, cancellationToken))
        {
            if (_heldElsewhereDone.ContainsKey(id) || claimed.Any(item => item.Id == id)) continue;
            if (await work.GetAsync(WorkKinds.Forget, id, cancellationToken) is not { } item) continue;
            AddKeyOf(item, forgotten);
            found.Add(id);
        }
        return found;
    }

    private void AddKeyOf(ScheduledItem item, HashSet<string> forgotten)
    {
        try
        {
            forgotten.Add(cipher.Decrypt(item.Payload ?? [], Associated(item.Id)));
        }
        catch (CryptographicException)
        {
            // Under another key: whatever it named was queued under that key too, and is never sent either.
        }
    }

    private async Task<(string Number, string Label)?> RecipientOfAsync(string id, CancellationToken cancellationToken)
    {
        var item = await work.GetAsync(WorkKinds.Send, id, cancellationToken);
        if (item?.Payload is null) return null;
        try
        {
            var (to, label, _) = OutboundTexts.Open(cipher, item);
            return (to, label);
        }
        catch (CryptographicException)
        {
            // Under another key: the outbox worker never sends it either.
            return null;
        }
    }
}
