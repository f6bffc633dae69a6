using System.Security.Cryptography;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Handoff;
using WestmontTextLine.Outbound;
using WestmontTextLine.Records;
using WestmontTextLine.Scheduling;

namespace WestmontTextLine.Privacy;

/// <summary>
/// Moves every encrypted value in the store from TextLine:PreviousEncryptionKey to the current encryption key: the
/// records encrypted whole, the staff accounts' second factors, and the texts queued to send; then the key-check
/// record, last, so that start-up says the store is under the current key only once all of it is. Each value is
/// rewritten by compare-and-set over exactly what was read (a record's version, a queued text's payload), one at a
/// time: a run stopped at any point (even kill -9) leaves each value either old or new, both readable while the
/// previous key is set, and a second run finds only what is left to do. Knows counts, never a value.
/// </summary>
public sealed class EncryptionRekey(IPrivateRecords records, IScheduledWork work, PersonalDataCipher cipher, StoredKeysCheck keysCheck, TimeProvider time)
{
    private const int Attempts = 8;

    /// <summary>The kinds encrypted whole, bound to "kind:key".</summary>
    public static readonly IReadOnlySet<string> WholeRecordKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        HandoffStore.ConversationKind, HandoffStore.TexterKind, HandoffStore.IndexKind, HandoffStore.ShiftsKind,
        SafetyPlans.PlanKind, SafetyPlans.ContactKind, SafetyPlans.MissedKind, SafetyPlans.SendKind,
    };

    /// <param name="written">Called after each value rewritten, with how many so far (a test stops the run there).</param>
    /// <exception cref="RekeyRefusedException">The keys do not fit the store, or no previous key is set.</exception>
    public async Task<RekeyResult> RunAsync(Action<int>? written = null, CancellationToken cancellationToken = default)
    {
        if (!cipher.HasPreviousKey) throw new RekeyRefusedException(NoPreviousKey);
        if ((await keysCheck.VerdictAsync(cancellationToken)).Problem is { } problem) throw new RekeyRefusedException(problem);

        var result = new RekeyResult();
        void Written()
        {
            result.Rewritten++;
            written?.Invoke(result.Rewritten);
        }

        await foreach (var id in records.ListAsync(time.GetUtcNow(), cancellationToken))
        {
            var tally = id.Kind == StaffUserStore.UserKind ? result.StaffAccounts
                : WholeRecordKinds.Contains(id.Kind) ? result.Records
                : null;
            if (tally is null)
            {
                if (id.Kind != StoredKeysCheck.Kind) result.NotEncrypted++;
                continue;
            }
            Func<byte[], byte[]?> reseal = id.Kind == StaffUserStore.UserKind
                ? payload => StaffUserStore.Resealed(payload, id.Key, cipher)
                : payload => cipher.Reseal(payload, EncryptedRecords.Associated(id.Kind, id.Key));
            // An account with no second factor set up (one `staff add` just made) has nothing sealed to move.
            Func<byte[], bool> nothingSealed = id.Kind == StaffUserStore.UserKind ? payload => !StaffUserStore.HasSealedSecondFactor(payload) : _ => false;
            var outcome = await ResealRecordAsync(id, reseal, nothingSealed, cancellationToken);
            tally.Add(outcome);
            if (outcome == RekeyOutcome.ReEncrypted) Written();
        }

        await foreach (var id in work.ListIdsAsync(WorkKinds.Send, cancellationToken))
        {
            var outcome = await ResealQueuedTextAsync(id, cancellationToken);
            result.QueuedTexts.Add(outcome);
            if (outcome == RekeyOutcome.ReEncrypted) Written();
        }

        if (result.Unreadable == 0) result.KeyCheckRewritten = await RewriteKeyCheckAsync(cancellationToken);
        return result;
    }

    public const string NoPreviousKey =
        "TextLine:PreviousEncryptionKey is not set (or is the current key): set it to the key the store's records were " +
        "encrypted with (the old TextLine:PrivacyKey, where TextLine:EncryptionKey was empty), and TextLine:EncryptionKey to " +
        "the new one.";

    private async Task<RekeyOutcome> ResealRecordAsync(
        PrivateRecordId id, Func<byte[], byte[]?> reseal, Func<byte[], bool> nothingSealed, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var now = time.GetUtcNow();
            if (await records.GetAsync(id.Kind, id.Key, now, cancellationToken) is not { } stored) return RekeyOutcome.Gone;
            if (nothingSealed(stored.Payload)) return RekeyOutcome.NothingSealed;
            byte[]? resealed;
            try
            {
                resealed = reseal(stored.Payload);
            }
            catch (CryptographicException)
            {
                return RekeyOutcome.Unreadable;
            }
            if (resealed is null) return RekeyOutcome.AlreadyCurrent;
            if (await records.TryPutAsync(id.Kind, id.Key, resealed, stored.Version, stored.ExpiresAt, now, cancellationToken))
            {
                return RekeyOutcome.ReEncrypted;
            }
        }
        throw new InvalidOperationException($"A {id.Kind} record kept changing while it was re-encrypted; run rekey again with the line stopped.");
    }

    private async Task<RekeyOutcome> ResealQueuedTextAsync(string id, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            if (await work.GetAsync(WorkKinds.Send, id, cancellationToken) is not { Payload: { } payload }) return RekeyOutcome.Gone;
            byte[]? resealed;
            try
            {
                resealed = cipher.Reseal(payload, OutboundTexts.Associated(id));
            }
            catch (CryptographicException)
            {
                return RekeyOutcome.Unreadable;
            }
            if (resealed is null) return RekeyOutcome.AlreadyCurrent;
            if (await work.TryReplacePayloadAsync(WorkKinds.Send, id, payload, resealed, cancellationToken)) return RekeyOutcome.ReEncrypted;
        }
        throw new InvalidOperationException("A queued text kept changing while it was re-encrypted; run rekey again with the line stopped.");
    }

    private async Task<bool> RewriteKeyCheckAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var now = time.GetUtcNow();
            var stored = await records.GetAsync(StoredKeysCheck.Kind, StoredKeysCheck.Key, now, cancellationToken);
            if (keysCheck.Rewritten(stored?.Payload) is not { } payload) return false;
            if (await records.TryPutAsync(StoredKeysCheck.Kind, StoredKeysCheck.Key, payload, stored?.Version ?? 0, expiresAt: null, now, cancellationToken))
            {
                return true;
            }
        }
        throw new InvalidOperationException("The key-check record kept changing while it was rewritten; run rekey again with the line stopped.");
    }
}

/// <summary>What became of one stored value.</summary>
public enum RekeyOutcome
{
    ReEncrypted,
    AlreadyCurrent,
    /// <summary>Nothing in it is sealed: a staff account with no second factor set up.</summary>
    NothingSealed,
    Unreadable,
    Gone,
}

/// <summary>
/// How many values of one group were re-encrypted, were under the current key already, had nothing sealed in them
/// (staff accounts with no second factor), or opened under neither key.
/// </summary>
public sealed class RekeyTally
{
    public int ReEncrypted { get; private set; }
    public int AlreadyCurrent { get; private set; }
    public int NothingSealed { get; private set; }
    public int Unreadable { get; private set; }

    public void Add(RekeyOutcome outcome)
    {
        switch (outcome)
        {
            case RekeyOutcome.ReEncrypted: ReEncrypted++; break;
            case RekeyOutcome.AlreadyCurrent: AlreadyCurrent++; break;
            case RekeyOutcome.NothingSealed: NothingSealed++; break;
            case RekeyOutcome.Unreadable: Unreadable++; break;
        }
    }
}

/// <summary>What a run of <see cref="EncryptionRekey"/> did: counts only.</summary>
public sealed class RekeyResult
{
    /// <summary>Records encrypted whole: conversations, check-in plans, safety contacts and their like.</summary>
    public RekeyTally Records { get; } = new();

    /// <summary>Staff accounts whose authenticator key or recovery codes are sealed.</summary>
    public RekeyTally StaffAccounts { get; } = new();

    public RekeyTally QueuedTexts { get; } = new();

    /// <summary>Records with nothing encrypted in them (passkeys, the account list, sign-in counts) or of a kind this build does not know.</summary>
    public int NotEncrypted { get; set; }

    public int Rewritten { get; set; }

    /// <summary>The key-check record was written under the current key (false: it already was, or values opened under neither key).</summary>
    public bool KeyCheckRewritten { get; set; }

    public int Unreadable => Records.Unreadable + StaffAccounts.Unreadable + QueuedTexts.Unreadable;
}

/// <summary>Why `rekey` did not start: nothing was changed.</summary>
public sealed class RekeyRefusedException(string message) : Exception(message);
