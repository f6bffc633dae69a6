using StackExchange.Redis;
using WestmontTextLine.Sessions;

namespace WestmontTextLine.Storage;

/// <summary>
/// A session as the fields of one Redis hash: the same columns as the SQLite table. A null value is an absent
/// field, so that null and "" stay apart.
/// </summary>
public static class RedisSessionHash
{
    public const string Node = "node";
    public const string Language = "language";
    public const string LastActivity = "last_activity";
    public const string OptedOut = "opted_out";
    public const string LastMessageSid = "last_message_sid";
    public const string LastReply = "last_reply";
    public const string Choices = "choices";
    public const string Version = "version";
    public const string EarlierMessageSids = "earlier_sids";
    public const string RecentAnswers = "recent_answers";
    public const string Handoff = "handoff";
    public const string OptedInAt = "opted_in_at";

    /// <summary>A session from HGETALL's reply as a script returns it: field, value, field, value...</summary>
    public static Session? Read(RedisResult fieldsAndValues)
    {
        var flat = (RedisValue[])fieldsAndValues!;
        var entries = new HashEntry[flat.Length / 2];
        for (var i = 0; i < entries.Length; i++) entries[i] = new HashEntry(flat[2 * i], flat[2 * i + 1]);
        return Read(entries);
    }

    public static Session? Read(HashEntry[] entries)
    {
        if (entries.Length == 0) return null;
        var fields = entries.ToDictionary(e => e.Name.ToString(), e => e.Value, StringComparer.Ordinal);
        return new Session(
            fields[Node]!,
            fields[Language]!,
            DateTimeOffset.FromUnixTimeMilliseconds((long)fields[LastActivity]),
            (long)fields[OptedOut] != 0,
            Optional(fields, LastMessageSid),
            Optional(fields, LastReply),
            Optional(fields, Choices),
            (long)fields[Version],
            Optional(fields, EarlierMessageSids),
            Optional(fields, RecentAnswers),
            fields.TryGetValue(Handoff, out var handoff) && (long)handoff != 0,
            fields.TryGetValue(OptedInAt, out var optedInAt) ? DateTimeOffset.FromUnixTimeMilliseconds((long)optedInAt) : null);
    }

    /// <summary>The names of the nullable fields that this session leaves empty, space-separated.</summary>
    public static string AbsentFields(Session session) => string.Join(' ',
        new[]
            {
                (LastMessageSid, session.LastMessageSid), (LastReply, session.LastReply), (Choices, session.Choices),
                (EarlierMessageSids, session.EarlierMessageSids), (RecentAnswers, session.RecentAnswers),
                (OptedInAt, session.OptedInAt?.ToString()),
            }
            .Where(field => field.Item2 is null)
            .Select(field => field.Item1));

    private static string? Optional(Dictionary<string, RedisValue> fields, string name) =>
        fields.TryGetValue(name, out var value) ? value.ToString() : null;
}
