using System.Buffers.Binary;
using System.Text;
using WestmontTextLine.Sessions;

namespace WestmontTextLine.Storage;

/// <summary>
/// A session as bytes, for <see cref="NativeSessionMap"/>. It keeps exactly what the SQLite columns keep
/// (<see cref="SqliteSessionRows.SessionColumns"/>), the last activity to the millisecond and in UTC, so a session
/// read back from memory equals the one a restart reads from the file, and two sessions encode to the same bytes
/// exactly when the file would hold the same row.
/// <para>
/// Small, because tens of thousands are held at once: the texts many sessions share (node, language, the reply,
/// the choices, the recent answers) are written as their number in <see cref="SharedTexts"/>, and Twilio's
/// MessageSids ("SM" and 32 hex digits) as 16 bytes. A text is written the same way every time it is written.
/// </para>
/// </summary>
internal static class SessionBlob
{
    private const byte OptedOutFlag = 1, HandoffFlag = 2, OptedInAtFlag = 4;
    private const int FixedBytes = 8 + 8 + 1;

    // Each text starts with one byte saying how it is written.
    private const byte Missing = 0, Inline = 1, Shared = 2, Sids = 3;
    private const int SidHexDigits = 32, SidBytes = 16;
    // "SM", the digits, and the space before the next one.
    private const int SidStride = 2 + SidHexDigits + 1;

    private static readonly SharedTexts Texts = new();

    /// <summary>The encoded length of the session.</summary>
    public static int LengthOf(Session session) =>
        FixedBytes + (session.OptedInAt is null ? 0 : 8) + SharedLength(session.Node) + SharedLength(session.Language) + SidsLength(session.LastMessageSid) +
        SharedLength(session.LastReply) + SharedLength(session.Choices) + SidsLength(session.EarlierMessageSids) +
        SharedLength(session.RecentAnswers);

    /// <summary>Writes the session into <paramref name="destination"/>, exactly <see cref="LengthOf"/> bytes.</summary>
    public static void Write(Session session, Span<byte> destination)
    {
        BinaryPrimitives.WriteInt64LittleEndian(destination, session.Version);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], session.LastActivity.ToUnixTimeMilliseconds());
        destination[16] = (byte)((session.OptedOut ? OptedOutFlag : 0) | (session.Handoff ? HandoffFlag : 0) |
            (session.OptedInAt is null ? 0 : OptedInAtFlag));
        var at = FixedBytes;
        if (session.OptedInAt is { } optedInAt)
        {
            BinaryPrimitives.WriteInt64LittleEndian(destination[at..], optedInAt.ToUnixTimeMilliseconds());
            at += 8;
        }
        at += WriteShared(session.Node, destination[at..]);
        at += WriteShared(session.Language, destination[at..]);
        at += WriteSids(session.LastMessageSid, destination[at..]);
        at += WriteShared(session.LastReply, destination[at..]);
        at += WriteShared(session.Choices, destination[at..]);
        at += WriteSids(session.EarlierMessageSids, destination[at..]);
        WriteShared(session.RecentAnswers, destination[at..]);
    }

    /// <summary>The version of the encoded session, read without decoding the rest.</summary>
    public static long VersionOf(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadInt64LittleEndian(source);

    public static Session Read(ReadOnlySpan<byte> source)
    {
        var version = BinaryPrimitives.ReadInt64LittleEndian(source);
        var lastActivity = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(source[8..]));
        var flags = source[16];
        var at = FixedBytes;
        DateTimeOffset? optedInAt = null;
        if ((flags & OptedInAtFlag) != 0)
        {
            optedInAt = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(source[at..]));
            at += 8;
        }
        var node = ReadText(source, ref at)!;
        var language = ReadText(source, ref at)!;
        var lastMessageSid = ReadText(source, ref at);
        var lastReply = ReadText(source, ref at);
        var choices = ReadText(source, ref at);
        var earlierMessageSids = ReadText(source, ref at);
        var recentAnswers = ReadText(source, ref at);
        return new Session(node, language, lastActivity, (flags & OptedOutFlag) != 0, lastMessageSid, lastReply, choices, version,
            earlierMessageSids, recentAnswers, (flags & HandoffFlag) != 0, optedInAt);
    }

    private static int SharedLength(string? text) =>
        text is null ? 1 : Texts.NumberOf(text) is not null ? 1 + 4 : InlineLength(text);

    private static int InlineLength(string text) => 1 + 4 + Encoding.UTF8.GetByteCount(text);

    private static int WriteShared(string? text, Span<byte> destination)
    {
        if (text is null)
        {
            destination[0] = Missing;
            return 1;
        }
        if (Texts.NumberOf(text) is not { } number) return WriteInline(text, destination);
        destination[0] = Shared;
        BinaryPrimitives.WriteInt32LittleEndian(destination[1..], number);
        return 1 + 4;
    }

    private static int WriteInline(string text, Span<byte> destination)
    {
        destination[0] = Inline;
        var length = Encoding.UTF8.GetBytes(text, destination[5..]);
        BinaryPrimitives.WriteInt32LittleEndian(destination[1..], length);
        return 1 + 4 + length;
    }

    // MessageSids, one or several separated by single spaces.
    private static int SidsLength(string? sids) =>
        sids is null ? 1 : SidCount(sids) is { } count ? 1 + 1 + count * SidBytes : InlineLength(sids);

    private static int WriteSids(string? sids, Span<byte> destination)
    {
        if (sids is null)
        {
            destination[0] = Missing;
            return 1;
        }
        if (SidCount(sids) is not { } count) return WriteInline(sids, destination);
        destination[0] = Sids;
        destination[1] = (byte)count;
        for (var i = 0; i < count; i++)
        {
            var hex = sids.AsSpan(i * SidStride + 2, SidHexDigits);
            Convert.FromHexString(hex, destination.Slice(2 + i * SidBytes, SidBytes), out _, out _);
        }
        return 2 + count * SidBytes;
    }

    /// <summary>How many Twilio MessageSids the text is, in lower-case hex; null when it is anything else.</summary>
    private static int? SidCount(string sids)
    {
        var count = (sids.Length + 1) / SidStride;
        if (count is 0 or > byte.MaxValue || count * SidStride - 1 != sids.Length) return null;
        for (var i = 0; i < count; i++)
        {
            var start = i * SidStride;
            if (sids[start] != 'S' || sids[start + 1] != 'M' || (i > 0 && sids[start - 1] != ' ')) return null;
            foreach (var digit in sids.AsSpan(start + 2, SidHexDigits))
            {
                if (!char.IsAsciiHexDigitLower(digit)) return null;
            }
        }
        return count;
    }

    private static string? ReadText(ReadOnlySpan<byte> source, ref int at)
    {
        switch (source[at])
        {
            case Missing:
                at += 1;
                return null;
            case Shared:
                var number = BinaryPrimitives.ReadInt32LittleEndian(source[(at + 1)..]);
                at += 1 + 4;
                return Texts.Text(number);
            case Sids:
                int count = source[at + 1];
                var length = count * SidStride - 1;
                Span<char> chars = length <= 512 ? stackalloc char[length] : new char[length];
                for (var i = 0; i < count; i++)
                {
                    var start = i * SidStride;
                    if (i > 0) chars[start - 1] = ' ';
                    chars[start] = 'S';
                    chars[start + 1] = 'M';
                    Convert.TryToHexStringLower(source.Slice(at + 2 + i * SidBytes, SidBytes), chars.Slice(start + 2, SidHexDigits), out _);
                }
                at += 2 + count * SidBytes;
                return new string(chars);
            default:
                var byteCount = BinaryPrimitives.ReadInt32LittleEndian(source[(at + 1)..]);
                var text = Encoding.UTF8.GetString(source.Slice(at + 5, byteCount));
                at += 1 + 4 + byteCount;
                return text;
        }
    }
}
