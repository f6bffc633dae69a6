using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using WestmontTextLine.Settings;

namespace WestmontTextLine.Senders;

/// <summary>
/// In Development only, with no TextLine:PrivacyKey, the key is a random one kept in the data folder and created on
/// first run, so trying the line needs no secret. Outside Development the options validation demands a key. A verb
/// that only looks or tries (<see cref="LookOnly"/>: `check`, `chat` in memory) reads the file if it is there and
/// creates nothing, neither the key file nor the data folder; `check` says what the start would do (<see cref="FileTheStartCreates"/>).
/// </summary>
public sealed class DevelopmentPrivacyKey(IHostEnvironment environment, AppRoot appRoot, LookOnly? lookOnly = null) : IPostConfigureOptions<SenderOptions>
{
    public const string KeyFile = "privacy.key";

    private string KeyPath => Path.Combine(appRoot.Resolve("data"), KeyFile);

    public void PostConfigure(string? name, SenderOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.PrivacyKey) || !environment.IsDevelopment()) return;
        var path = KeyPath;
        if (!File.Exists(path))
        {
            if (lookOnly is not null) return;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        options.PrivacyKey = File.ReadAllText(path).Trim();
    }

    /// <summary>The key file the start would create, given the options as read (no key set and no file yet, in Development); else null.</summary>
    public string? FileTheStartCreates(SenderOptions configured) =>
        environment.IsDevelopment() && string.IsNullOrWhiteSpace(configured.PrivacyKey) ? KeyPath : null;
}
