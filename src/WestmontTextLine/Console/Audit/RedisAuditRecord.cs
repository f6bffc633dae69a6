using System.Buffers.Text;
using System.Text;

namespace WestmontTextLine.Console.Audit;

/// <summary>
/// One entry as the Redis log keeps it (<see cref="RedisAuditScripts"/>): a line of id, time (ms), the codes of its
/// actor (in upper case) and kind, the actor, the action and the target, each after a tab (an entry holds no control
/// character, so no tab: <see cref="AuditEntry"/>). Read here without copying the text of an entry the filter leaves out.
/// </summary>
internal readonly struct RedisAuditRecord
{
    /// <summary>Ids a part of the log holds (one list, one tally): never changed once entries are stored.</summary>
    public const int PartSize = 256;

    private readonly byte[] _line;
    private readonly int _actorAt;

    private RedisAuditRecord(byte[] line, long id, long at, int who, int kind, int actorAt)
    {
        _line = line;
        Id = id;
        At = at;
        Who = who;
        Kind = kind;
        _actorAt = actorAt;
    }

    public long Id { get; }
    public long At { get; }

    /// <summary>The codes of the actor in upper case and of the kind (names: <see cref="RedisAuditScripts"/>).</summary>
    public int Who { get; }
    public int Kind { get; }

    public static RedisAuditRecord Parse(byte[] line)
    {
        ReadOnlySpan<byte> rest = line;
        var id = Number(ref rest);
        var at = Number(ref rest);
        var who = (int)Number(ref rest);
        var kind = (int)Number(ref rest);
        return new RedisAuditRecord(line, id, at, who, kind, line.Length - rest.Length);
    }

    /// <summary>Whether the target holds <paramref name="text"/> in any case, as <see cref="AuditFilter.Matches"/> compares.</summary>
    public bool TargetContains(string text)
    {
        var target = Target;
        // A target is at most 200 characters (AuditEntry), so at most 800 bytes and as many characters.
        Span<char> characters = target.Length <= 1_024 ? stackalloc char[target.Length] : new char[target.Length];
        var count = Encoding.UTF8.GetChars(target, characters);
        return characters[..count].Contains(text, StringComparison.OrdinalIgnoreCase);
    }

    public AuditEntry ToEntry()
    {
        var fields = _line.AsSpan(_actorAt);
        var actorEnd = fields.IndexOf((byte)'\t');
        var actionEnd = fields[(actorEnd + 1)..].IndexOf((byte)'\t') + actorEnd + 1;
        return new AuditEntry(DateTimeOffset.FromUnixTimeMilliseconds(At), Encoding.UTF8.GetString(fields[..actorEnd]),
            Encoding.UTF8.GetString(fields[(actorEnd + 1)..actionEnd]), Encoding.UTF8.GetString(fields[(actionEnd + 1)..]));
    }

    private ReadOnlySpan<byte> Target
    {
        get
        {
            var fields = _line.AsSpan(_actorAt);
            var actorEnd = fields.IndexOf((byte)'\t');
            var actionEnd = fields[(actorEnd + 1)..].IndexOf((byte)'\t') + actorEnd + 1;
            return fields[(actionEnd + 1)..];
        }
    }

    private static long Number(ref ReadOnlySpan<byte> rest)
    {
        var end = rest.IndexOf((byte)'\t');
        if (end < 0 || !Utf8Parser.TryParse(rest[..end], out long value, out var read) || read != end)
        {
            throw new FormatException("An audit entry in Redis is not in the form this build writes.");
        }
        rest = rest[(end + 1)..];
        return value;
    }
}
