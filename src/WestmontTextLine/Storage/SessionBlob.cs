using System.Buffers.Binary;
using System.Text;
using WestmontTextLine.Sessions;

namespace WestmontTextLine.Storage;

/// <summary>
/// A session as bytes, for <see cref="NativeSessionMap"/>. It keeps exactly what the SQLite columns keep
/// (<see cref="SqliteSessionRows.SessionColumns"/>), the last activity to the millisecond and in UTC, so a session
/// read back from memory equals the one a restart reads from the file, and two sessions encode to the same bytes
/// exactly when the file would hold the same row.
/// </summary>
internal static class SessionBlob
{
    // Flags byte: opted out, handoff, then one bit for each nullable text that is present.
    private const byte OptedOutFlag = 1, HandoffFlag = 2;
    private const int FixedBytes = 8 + 8 + 1;

    /// <summary>The encoded length of the session.</summary>
    public static int LengthOf(Session session) =>
        FixedBytes + TextLength(session.Node) + TextLength(session.Language) + TextLength(session.LastMessageSid) +
        TextLength(session.LastReply) + TextLength(session.Choices) + TextLength(session.EarlierMessageSids) +
        TextLength(session.RecentAnswers);

    /// <summary>Writes the session into <paramref name="destination"/>, exactly <see cref="LengthOf"/> bytes.</summary>
    public static void Write(Session session, Span<byte> destination)
    {
        BinaryPrimitives.WriteInt64LittleEndian(destination, session.Version);
        BinaryPrimitives.WriteInt64LittleEndian(destination[8..], session.LastActivity.ToUnixTimeMilliseconds());
        var flags = (byte)((session.OptedOut ? OptedOutFlag : 0) | (session.Handoff ? HandoffFlag : 0));
        var at = FixedBytes;
        at += WriteText(session.Node, destination[at..]);
        at += WriteText(session.Language, destination[at..]);
        at += WriteText(session.LastMessageSid, destination[at..], ref flags, 4);
        at += WriteText(session.LastReply, destination[at..], ref flags, 8);
        at += WriteText(session.Choices, destination[at..], ref flags, 16);
        at += WriteText(session.EarlierMessageSids, destination[at..], ref flags, 32);
        WriteText(session.RecentAnswers, destination[at..], ref flags, 64);
        destination[16] = flags;
    }

    public static Session Read(ReadOnlySpan<byte> source)
    {
        var version = BinaryPrimitives.ReadInt64LittleEndian(source);
        var lastActivity = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(source[8..]));
        var flags = source[16];
        var at = FixedBytes;
        var node = ReadText(source, ref at)!;
        var language = ReadText(source, ref at)!;
        var lastMessageSid = (flags & 4) != 0 ? ReadText(source, ref at) : null;
        var lastReply = (flags & 8) != 0 ? ReadText(source, ref at) : null;
        var choices = (flags & 16) != 0 ? ReadText(source, ref at) : null;
        var earlierMessageSids = (flags & 32) != 0 ? ReadText(source, ref at) : null;
        var recentAnswers = (flags & 64) != 0 ? ReadText(source, ref at) : null;
        return new Session(node, language, lastActivity, (flags & OptedOutFlag) != 0, lastMessageSid, lastReply, choices, version,
            earlierMessageSids, recentAnswers, (flags & HandoffFlag) != 0);
    }

    private static int TextLength(string? text) => text is null ? 0 : 4 + Encoding.UTF8.GetByteCount(text);

    private static int WriteText(string? text, Span<byte> destination, ref byte flags, byte presentFlag)
    {
        if (text is null) return 0;
        flags |= presentFlag;
        return WriteText(text, destination);
    }

    private static int WriteText(string text, Span<byte> destination)
    {
        var length = Encoding.UTF8.GetBytes(text, destination[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(destination, length);
        return 4 + length;
    }

    private static string ReadText(ReadOnlySpan<byte> source, ref int at)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(source[at..]);
        var text = Encoding.UTF8.GetString(source.Slice(at + 4, length));
        at += 4 + length;
        return text;
    }
}
