using System.Security.Cryptography;

namespace WestmontTextLine.Handoff;

/// <summary>
/// The id a reply form carries, new each time the page shows an empty box: the same form posted twice (a double click
/// on Send, a browser sending it again) is one reply, not two texts to her. 32 hex digits; anything else is no id.
/// </summary>
public static class StaffReplyIds
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsReplyId(string? id) => id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);
}
