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

    public const string WhatToDo =
        "Set the keys the line ran with before. To change a key on purpose, see README, \"Upgrading, going back, and keys\".";

    /// <summary>Null when the keys fit the store (and the record is written when the store has none yet); else what is wrong.</summary>
    public async Task<string?> ProblemAsync(CancellationToken cancellationToken = default)
    {
        var verdict = await VerdictAsync(cancellationToken);
        if (verdict.RecordMissing) await WriteRecordAsync(cancellationToken);
        return verdict.Problem;
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
            return await EarlierRecordsReadAsync(now, cancellationToken)
                ? new KeysVerdict(null, RecordMissing: true)
                : new KeysVerdict($"{EncryptionKeyChanged} {WhatToDo}", RecordMissing: false);
        }
        return new KeysVerdict(ProblemWith(stored.Payload), RecordMissing: false);
    }

    /// <summary>Writes the record where there is none; another instance that wrote it first wins (the next start compares against its record).</summary>
    public Task WriteRecordAsync(CancellationToken cancellationToken = default) =>
        records.TryPutAsync(Kind, Key, Write(), expectedVersion: 0, expiresAt: null, time.GetUtcNow(), cancellationToken);

    private string? ProblemWith(byte[] payload)
    {
        var problems = new List<string>();
        var written = Read(payload);
        if (written?.Privacy is not { } privacy || !CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(privacy), Encoding.ASCII.GetBytes(PrivacyFingerprint())))
        {
            problems.Add(PrivacyKeyChanged);
        }
        if (written?.Sealed is not { } sealedProbe || !Decrypts(sealedProbe, Associated)) problems.Add(EncryptionKeyChanged);
        return problems.Count == 0 ? null : $"{string.Join(" ", problems)} {WhatToDo}";
    }

    // The kinds every build since check-ins and talk to a person encrypts whole, bound to "kind:key": one record of each.
    private static readonly string[] EncryptedKinds =
    [
        HandoffStore.IndexKind, HandoffStore.ShiftsKind, HandoffStore.ConversationKind, HandoffStore.TexterKind,
        SafetyPlans.PlanKind, SafetyPlans.ContactKind, SafetyPlans.MissedKind,
    ];

    private async Task<bool> EarlierRecordsReadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var kind in EncryptedKinds)
        {
            if (await records.AnyKeyAsync(kind, now, cancellationToken) is { } key
                && await records.GetAsync(kind, key, now, cancellationToken) is { } record
                && !Decrypts(record.Payload, HandoffStore.Associated(kind, key)))
            {
                return false;
            }
        }
        return true;
    }

    private bool Decrypts(byte[] sealedBytes, string associated)
    {
        try
        {
            cipher.Decrypt(sealedBytes, associated);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
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
public sealed record KeysVerdict(string? Problem, bool RecordMissing);
