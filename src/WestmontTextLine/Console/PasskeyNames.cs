using System.Buffers.Text;
using System.Text.Json;
using WestmontTextLine.Console.Accounts;

namespace WestmontTextLine.Console;

/// <summary>
/// How the console names a passkey where its credential id must not appear (a page's forms, the audit log): by the
/// name its owner gave it and a short id, the first 8 hex digits of the SHA-256 of the credential id (as the store's
/// index key begins). A credential id is not a secret, but it identifies a device; a hash prefix is enough to tell
/// one passkey from another.
/// </summary>
public static class PasskeyNames
{
    public const string Unnamed = "passkey";

    public static string ShortId(byte[] credentialId) => StaffUserStore.PasskeyKey(credentialId)[..8];

    /// <summary>The store's key for a passkey (SHA-256 of its id, hex): what a form names it by.</summary>
    public static string Key(byte[] credentialId) => StaffUserStore.PasskeyKey(credentialId);

    /// <summary>How the audit log names a passkey: its name and short id.</summary>
    public static string Describe(string? name, byte[] credentialId) => $"\"{name ?? Unnamed}\" ({ShortId(credentialId)})";

    /// <summary>A passkey's name as the person typed it, trimmed and on one line; null if there is none.</summary>
    public static string? CleanName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var oneLine = string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length > ConsolePasskeys.MaxNameLength ? oneLine[..ConsolePasskeys.MaxNameLength] : oneLine;
    }

    /// <summary>The credential id a browser's credential JSON names (its "id", base64url), or null if it names none.</summary>
    public static byte[]? CredentialIdOf(string credentialJson)
    {
        try
        {
            using var document = JsonDocument.Parse(credentialJson);
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
            {
                return null;
            }
            var text = id.GetString()!;
            // WebAuthn caps a credential id at 1023 bytes: 1364 base64url characters.
            return text.Length is > 0 and <= 1400 && Base64Url.IsValid(text) ? Base64Url.DecodeFromChars(text) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
