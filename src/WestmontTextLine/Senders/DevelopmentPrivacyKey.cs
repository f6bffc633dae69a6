using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using WestmontTextLine.Settings;

namespace WestmontTextLine.Senders;

/// <summary>
/// In Development only, with no TextLine:PrivacyKey, the key is a random one kept in the data folder and created on
/// first run, so trying the line needs no secret. Outside Development the options validation demands a key.
/// </summary>
public sealed class DevelopmentPrivacyKey(IHostEnvironment environment, AppRoot appRoot) : IPostConfigureOptions<SenderOptions>
{
    public const string KeyFile = "privacy.key";

    public void PostConfigure(string? name, SenderOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.PrivacyKey) || !environment.IsDevelopment()) return;
        var dataFolder = appRoot.Resolve("data");
        Directory.CreateDirectory(dataFolder);
        var path = Path.Combine(dataFolder, KeyFile);
        if (!File.Exists(path))
        {
            File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        options.PrivacyKey = File.ReadAllText(path).Trim();
    }
}
