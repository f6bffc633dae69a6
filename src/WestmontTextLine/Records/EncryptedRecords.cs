using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using WestmontTextLine.Privacy;

namespace WestmontTextLine.Records;

/// <summary>
/// Private records kept as JSON encrypted whole with AES-GCM (<see cref="PersonalDataCipher"/>), each bound to its kind
/// and key: the safety plans' and the handoff's records, and what <c>rekey</c> reseals. Each owner keeps its own
/// compare-and-set loop, as they differ in what an expiry means and how often they try.
/// </summary>
public sealed class EncryptedRecords(IPrivateRecords records, PersonalDataCipher cipher, TimeProvider time)
{
    /// <summary>What a record's encryption is bound to: its kind and key, so a payload moved to another record will not decrypt.</summary>
    public static string Associated(string kind, string key) => $"{kind}:{key}";

    /// <summary>
    /// The record's value, or null when there is none. The type's JSON metadata is asked for only when there is a
    /// record: a first text looks up whether its sender is someone's asked contact, and building that metadata for
    /// nothing cost a cold start about 60 ms of CPU.
    /// </summary>
    public async Task<T?> LoadAsync<T>(string kind, string key, Func<JsonTypeInfo<T>> type, CancellationToken cancellationToken)
        where T : class =>
        await records.GetAsync(kind, key, time.GetUtcNow(), cancellationToken) is { } record ? Read(kind, key, record.Payload, type()) : null;

    public T Read<T>(string kind, string key, byte[] payload, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(cipher.Decrypt(payload, Associated(kind, key)), type)!;

    public byte[] Seal<T>(string kind, string key, T value, JsonTypeInfo<T> type) =>
        cipher.Encrypt(JsonSerializer.Serialize(value, type), Associated(kind, key));
}
