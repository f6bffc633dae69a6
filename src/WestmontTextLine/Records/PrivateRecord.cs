namespace WestmontTextLine.Records;

/// <summary>One stored record, as a read found it.</summary>
/// <param name="Payload">The caller's bytes, as written (encrypted by the caller wherever they are personal).</param>
/// <param name="Version">1 when first written, one more at each write since; what the next write must name.</param>
/// <param name="ExpiresAt">From when the record counts as absent, to the millisecond; null when it never expires.</param>
public sealed record PrivateRecord(byte[] Payload, long Version, DateTimeOffset? ExpiresAt);
