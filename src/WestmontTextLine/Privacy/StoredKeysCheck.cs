using System.Security.Cryptography;
using System.Text;
using WestmontTextLine.CheckIns;
using WestmontTextLine.Handoff;
using WestmontTextLine.Records;
using WestmontTextLine.Senders;

namespace WestmontTextLine.Privacy;

/// <summary>
/// Whether the line's keys are the ones its store was written with. A changed TextLine:PrivacyKey makes every stored
/// session another texter's (every opt-out lost); a changed TextLine:EncryptionKey (or PrivacyKey, when the
/// encryption key is derived from it) makes every encrypted record unreadable, and each text of a texter with a
/// check-in, a safety contact or a conversation with staff then got the technical-problem reply, and staff could not
/// sign in, while /healthz said Healthy (found from outside). One record, <c>key-check</c>/<c>keys</c>, holds the
/// privacy key's hash of a fixed text and a fixed text encrypted under the encryption key: it is written at the first
/// start and compared at every later one. A store written by a build from before this record is checked by one
/// record of each kind that check-ins and talk to a person encrypt; with none of them there is nothing to check.
/// <para>
/// While TextLine:PreviousEncryptionKey is set, a store whose records fit either key is accepted, and the verdict's
/// notice says which one its key-check record is under: the previous key until `rekey` has moved every record over
/// (it rewrites this record last), the current one after.
/// </para>
/// </summary>
public sealed class StoredKeysCheck(IPrivateRecords records, SenderKeys senderKeys, PersonalDataCipher cipher, TimeProvider time)
{
    public const string Kind = "key-check";
    public const string Key = "keys";
    private const string Probe = "westmont-text-line key check";
    private static readonly string Associated = $"{Kind}:{Key}";

    public const string PrivacyKeyChanged =
        "TextLine:PrivacyKey is not the key this store's sessions were written with: with another key every texter is a " +
        "new one, and every opt-out (STOP) is lost.";

    public const string EncryptionKeyChanged =
        "TextLine:EncryptionKey (derived from TextLine:PrivacyKey when it is empty) is not the key this store's records " +
        "were encrypted with: the line could not read its inbox conversations, check-ins, safety contacts, queued texts " +
        "or staff second factors.";

    public const string NeitherEncryptionKey =
        "Neither TextLine:EncryptionKey (derived from TextLine:PrivacyKey when it is empty) nor TextLine:PreviousEncryptionKey " +
        "is the key this store's records were encrypted with: the line could not read its inbox conversations, check-ins, " +
        "safety contacts, queued texts or staff second factors.";

    public const string UnderPreviousKey =
        "This store's records are encrypted under TextLine:PreviousEncryptionKey (those written since, under " +
        "TextLine:EncryptionKey): the line reads both. Stop the line, run `rekey` with the same settings, then remove " +
        "TextLine:PreviousEncryptionKey.";

    public const string UnderCurrentKey =
        "This store's records are encrypted under TextLine:EncryptionKey (derived from TextLine:PrivacyKey when it is " +
        "empty): TextLine:PreviousEncryptionKey is no longer needed; remove it.";

    public const string WhatToDo =
        "Set the keys the line ran with before. To change a key on purpose, see README, \"Upgrading, going back, and keys\".";

    /// <summary>Null when the keys fit the store (and the record is written when the store has none yet); else what is wrong.</summary>
    public async Task<string?> ProblemAsync(CancellationToken cancellationToken = default) =>
        (await CheckAsync(cancellationToken)).Problem;

    /// <summary>The verdict, with the record written when the store has none yet.</summary>
    public async Task<KeysVerdict> CheckAsync(CancellationToken cancellationToken = default)
    {
        var verdict = await VerdictAsync(cancellationToken);
        if (verdict.RecordMissing) await WriteRecordAsync(cancellationToken);
        return verdict;
    }

    /// <summary>
    /// What is wrong (null when the keys fit), and whether the store has no record yet: then
    /// <see cref="WriteRecordAsync"/> is due, which start-up does off the way to the first answer.
    /// </summary>
    public async Task<KeysVerdict> VerdictAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var stored = await records.GetAsync(Kind, Key, now, cancellationToken);
        if (stored is null)
        {
            return await EarlierRecordsUnderAsync(now, cancellationToken) switch
            {
                SealedUnder.CurrentKey => new KeysVerdict(null, RecordMissing: true, Notice()),
                // Written by `rekey` once every record is under the current key; the next start checks the records again.
                SealedUnder.PreviousKey => new KeysVerdict(null, RecordMissing: false, UnderPreviousKey),
                _ => new KeysVerdict($"{EncryptionKeyNotFound} {WhatToDo}", RecordMissing: false),
            };
        }
        return VerdictOn(stored.Payload);
    }

    /// <summary>
    /// The record's payload under the current keys, or null when the stored one needs no change: it is the privacy
    /// key's and its probe is sealed under the current encryption key. For `rekey`, which writes it last.
    /// </summary>
    public byte[]? Rewritten(byte[]? payload)
    {
        if (payload is not null && Read(payload) is { } written && cipher.KeyOf(written.Sealed, Associated) == SealedUnder.CurrentKey
            && FingerprintFits(written))
        {
            return null;
        }
        return Write();
    }

    /// <summary>Writes the record where there is none; another instance that wrote it first wins (the next start compares against its record).</summary>
    public Task WriteRecordAsync(CancellationToken cancellationToken = default) =>
        records.TryPutAsync(Kind, Key, Write(), expectedVersion: 0, expiresAt: null, time.GetUtcNow(), cancellationToken);

    private KeysVerdict VerdictOn(byte[] payload)
    {
        var problems = new List<string>();
        var written = Read(payload);
        if (written is null || !FingerprintFits(written)) problems.Add(PrivacyKeyChanged);
        var under = written is null ? SealedUnder.Neither : cipher.KeyOf(written.Sealed, Associated);
        if (under == SealedUnder.Neither) problems.Add(EncryptionKeyNotFound);
        return problems.Count > 0
            ? new KeysVerdict($"{string.Join(" ", problems)} {WhatToDo}", RecordMissing: false)
            : new KeysVerdict(null, RecordMissing: false, under == SealedUnder.PreviousKey ? UnderPreviousKey : Notice());
    }

    private bool FingerprintFits(WrittenKeys written) => CryptographicOperations.FixedTimeEquals(
        Encoding.ASCII.GetBytes(written.Privacy), Encoding.ASCII.GetBytes(PrivacyFingerprint()));

    private string EncryptionKeyNotFound => cipher.HasPreviousKey ? NeitherEncryptionKey : EncryptionKeyChanged;

    // With a previous key set and the store under the current one, the previous key is no longer needed.
    private string? Notice() => cipher.HasPreviousKey ? UnderCurrentKey : null;

    // The kinds every build since check-ins and talk to a person encrypts whole, bound to "kind:key": one record of each.
    private static readonly string[] EncryptedKinds =
    [
        HandoffStore.IndexKind, HandoffStore.ShiftsKind, HandoffStore.ConversationKind, HandoffStore.TexterKind,
        SafetyPlans.PlanKind, SafetyPlans.ContactKind, SafetyPlans.MissedKind,
    ];

    // Neither when a sample opens under no key; else the previous key when one opens only under it.
    private async Task<SealedUnder> EarlierRecordsUnderAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var under = SealedUnder.CurrentKey;
        foreach (var kind in EncryptedKinds)
        {
            if (await records.AnyKeyAsync(kind, now, cancellationToken) is { } key
                && await records.GetAsync(kind, key, now, cancellationToken) is { } record)
            {
                var sample = cipher.KeyOf(record.Payload, EncryptedRecords.Associated(kind, key));
                if (sample == SealedUnder.Neither) return SealedUnder.Neither;
                if (sample == SealedUnder.PreviousKey) under = SealedUnder.PreviousKey;
            }
        }
        return under;
    }

    private string PrivacyFingerprint() => senderKeys.KeyOf(Probe);

    // The payload: the fingerprint's 64 hex digits, then the sealed probe.
    private byte[] Write() => [.. Encoding.ASCII.GetBytes(PrivacyFingerprint()), .. cipher.Encrypt(Probe, Associated)];

    private static WrittenKeys? Read(byte[] payload) => payload.Length <= FingerprintLength
        ? null
        : new WrittenKeys(Encoding.ASCII.GetString(payload, 0, FingerprintLength), payload[FingerprintLength..]);

    private const int FingerprintLength = 64;

    private sealed record WrittenKeys(string Privacy, byte[] Sealed);
}

/// <param name="Problem">What is wrong, or null when the keys fit the store.</param>
/// <param name="RecordMissing">The store has no key-check record yet and the keys fit what it holds: one is to be written.</param>
/// <param name="Notice">While TextLine:PreviousEncryptionKey is set: which key the store is under, and what to do next.</param>
public sealed record KeysVerdict(string? Problem, bool RecordMissing, string? Notice = null);
