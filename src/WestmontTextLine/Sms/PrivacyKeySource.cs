using System.Security.Cryptography;
using WestmontTextLine.Engine;
using WestmontTextLine.Hosting;

namespace WestmontTextLine.Sms;

/// <summary>
/// Finds the privacy key: TextLine:PrivacyKey when set; in Development only, a random key kept in the data folder
/// and created on first run. Production without a key refuses to start.
/// </summary>
public static class PrivacyKeySource
{
    public const string DevelopmentKeyFile = "privacy.key";

    public static byte[] Resolve(TextLineOptions options, IHostEnvironment environment, string dataFolder)
    {
        if (!string.IsNullOrWhiteSpace(options.PrivacyKey)) return System.Text.Encoding.UTF8.GetBytes(options.PrivacyKey);
        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException("TextLine:PrivacyKey is required outside Development.");
        }
        Directory.CreateDirectory(dataFolder);
        var path = Path.Combine(dataFolder, DevelopmentKeyFile);
        if (!File.Exists(path))
        {
            File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return System.Text.Encoding.UTF8.GetBytes(File.ReadAllText(path).Trim());
    }
}
