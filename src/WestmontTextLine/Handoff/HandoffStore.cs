using System.Text.Json.Serialization.Metadata;
using WestmontTextLine.Privacy;
using WestmontTextLine.Records;

namespace WestmontTextLine.Handoff;

/// <summary>
/// The handoff's records in the private-records store (SQLite, Redis or memory, as the line is set up), each one
/// encrypted whole with AES-GCM and bound to its kind and key, and changed by compare-and-set: a texter's text, a staff
/// action and the timer worker, on any instance, never lose each other's change (<see cref="UpdateAsync{T}"/> reloads
/// and runs the change again on a conflict).
/// </summary>
public sealed class HandoffStore(IPrivateRecords records, PersonalDataCipher cipher, TimeProvider time)
{
    public const string ConversationKind = "handoff";
    public const string TexterKind = "handoff-texter";
    public const string IndexKind = "handoff-index";
    public const string ShiftsKind = "handoff-shifts";

    /// <summary>The one key of the index and of the shift list.</summary>
    public const string SharedKey = "all";

    private const int Attempts = 10;

    private readonly EncryptedRecords _encrypted = new(records, cipher, time);

    // The index and the shift list are one record each, which every new or closed conversation (and every shift
    // change) rewrites. Changed from many requests at once, compare-and-set alone made most of them retry and some give
    // up after every attempt (16 texters asking for a person at once: 4-10% got the technical-problem reply). Taken
    // one at a time in this process, a conflict can only come from another instance.
    private readonly SemaphoreSlim _sharedRecordTurn = new(1, 1);

    public Task<HandoffConversation?> ConversationAsync(string id, CancellationToken cancellationToken) =>
        _encrypted.LoadAsync(ConversationKind, id, static () => HandoffJson.Default.HandoffConversation, cancellationToken);

    public Task<HandoffTexter?> TexterAsync(string texterKey, CancellationToken cancellationToken) =>
        _encrypted.LoadAsync(TexterKind, texterKey, static () => HandoffJson.Default.HandoffTexter, cancellationToken);

    public Task<HandoffIndex?> IndexAsync(CancellationToken cancellationToken) =>
        _encrypted.LoadAsync(IndexKind, SharedKey, static () => HandoffJson.Default.HandoffIndex, cancellationToken);

    public Task<ShiftList?> ShiftsAsync(CancellationToken cancellationToken) =>
        _encrypted.LoadAsync(ShiftsKind, SharedKey, static () => HandoffJson.Default.ShiftList, cancellationToken);

    public Task<HandoffConversation?> UpdateConversationAsync(string id, Func<HandoffConversation?, HandoffConversation?> change,
        Func<HandoffConversation, DateTimeOffset?> expiresAt, CancellationToken cancellationToken) =>
        UpdateAsync(ConversationKind, id, HandoffJson.Default.HandoffConversation, change, expiresAt, cancellationToken);

    public Task<HandoffTexter?> UpdateTexterAsync(string texterKey, Func<HandoffTexter?, HandoffTexter?> change,
        Func<HandoffTexter, DateTimeOffset?> expiresAt, CancellationToken cancellationToken) =>
        UpdateAsync(TexterKind, texterKey, HandoffJson.Default.HandoffTexter, change, expiresAt, cancellationToken);

    public Task<HandoffIndex?> UpdateIndexAsync(Func<HandoffIndex?, HandoffIndex?> change, CancellationToken cancellationToken) =>
        InTurnAsync(() => UpdateAsync(IndexKind, SharedKey, HandoffJson.Default.HandoffIndex, change, _ => null, cancellationToken), cancellationToken);

    public Task<ShiftList?> UpdateShiftsAsync(Func<ShiftList?, ShiftList?> change, Func<ShiftList, DateTimeOffset?> expiresAt,
        CancellationToken cancellationToken) =>
        InTurnAsync(() => UpdateAsync(ShiftsKind, SharedKey, HandoffJson.Default.ShiftList, change, expiresAt, cancellationToken), cancellationToken);

    private async Task<T?> InTurnAsync<T>(Func<Task<T?>> update, CancellationToken cancellationToken) where T : class
    {
        await _sharedRecordTurn.WaitAsync(cancellationToken);
        try
        {
            return await update();
        }
        finally
        {
            _sharedRecordTurn.Release();
        }
    }

    public Task DeleteConversationAsync(string id, CancellationToken cancellationToken) =>
        records.DeleteAsync(ConversationKind, id, cancellationToken);

    public Task DeleteTexterAsync(string texterKey, CancellationToken cancellationToken) =>
        records.DeleteAsync(TexterKind, texterKey, cancellationToken);

    /// <summary>
    /// Runs the change on the stored value (null when none) and writes what it returns, until no other writer came in
    /// between. The change returns null to delete the record, or the very value it was given to leave it as it is. A
    /// record whose expiry (null: kept until deleted) is already past is deleted.
    /// </summary>
    private async Task<T?> UpdateAsync<T>(string kind, string key, JsonTypeInfo<T> type, Func<T?, T?> change,
        Func<T, DateTimeOffset?> expiresAt, CancellationToken cancellationToken) where T : class
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var now = time.GetUtcNow();
            var stored = await records.GetAsync(kind, key, now, cancellationToken);
            var current = stored is null ? null : _encrypted.Read(kind, key, stored.Payload, type);
            var next = change(current);
            if (next is not null && ReferenceEquals(next, current)) return current;
            var until = next is null ? null : expiresAt(next);
            if (next is null || until <= now)
            {
                if (stored is not null) await records.DeleteAsync(kind, key, cancellationToken);
                return null;
            }
            var payload = _encrypted.Seal(kind, key, next, type);
            if (await records.TryPutAsync(kind, key, payload, stored?.Version ?? 0, until, now, cancellationToken)) return next;
            await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
        }
        throw new InvalidOperationException($"The {kind} record kept changing; gave up after {Attempts} tries.");
    }
}
