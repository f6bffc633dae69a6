namespace WestmontTextLine.Console.Inbox;

/// <summary>
/// Who holds a conversation, in the inbox's "Claimed by" and a conversation page's "Others waiting": "nobody yet",
/// "bob", or "bob (off shift: anyone may take it over)". A chat held by someone gone off shift read as answered, while
/// no one could reply to her until someone opened it and took it over.
/// </summary>
public static class HolderText
{
    public static string Of(string? holder, IEnumerable<string> onShift) =>
        holder is null ? "nobody yet"
        : onShift.Contains(holder, StringComparer.OrdinalIgnoreCase) ? holder
        : $"{holder} (off shift: anyone may take it over)";
}
