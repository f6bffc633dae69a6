using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WestmontTextLine.Hosting;

/// <summary>
/// Each certificate Kestrel is given as files (Kestrel:Certificates:&lt;name&gt; and
/// Kestrel:Endpoints:&lt;name&gt;:Certificate: Path, KeyPath, Password), read as Kestrel reads it, before anything starts.
/// Kestrel read them only while starting, and a key file not there, a file that holds no certificate or key, a wrong
/// password or a certificate without its private key each crashed the line with a stack trace (exit 134). Paths are
/// relative to the content root, as Kestrel takes them. Never names the password, only the setting.
/// </summary>
public static class CertificateFiles
{
    public static IEnumerable<string> Problems(IConfiguration configuration, string contentRoot)
    {
        foreach (var certificate in Configured(configuration))
        {
            if (Problem(certificate, contentRoot) is { } problem) yield return problem;
        }
    }

    private static IEnumerable<IConfigurationSection> Configured(IConfiguration configuration) =>
        configuration.GetSection("Kestrel:Certificates").GetChildren()
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e.GetSection("Certificate")))
            .Where(certificate => !string.IsNullOrWhiteSpace(certificate["Path"]));

    private static string? Problem(IConfigurationSection certificate, string contentRoot)
    {
        var pathSetting = $"{certificate.Path}:Path";
        var keySetting = $"{certificate.Path}:KeyPath";
        var path = Path.Combine(contentRoot, certificate["Path"]!);
        if (!File.Exists(path)) return $"{pathSetting}: no file at '{certificate["Path"]}'{Resolved(certificate["Path"]!, path)}.";
        var keyPath = string.IsNullOrWhiteSpace(certificate["KeyPath"]) ? null : Path.Combine(contentRoot, certificate["KeyPath"]!);
        if (keyPath is not null && !File.Exists(keyPath)) return $"{keySetting}: no file at '{certificate["KeyPath"]}'{Resolved(certificate["KeyPath"]!, keyPath)}.";
        var password = certificate["Password"];

        X509Certificate2 loaded;
        try
        {
            loaded = keyPath is null ? LoadWithItsKey(path, password) : X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            var wrongPassword = keyPath is null && X509Certificate2.GetCertContentType(path) == X509ContentType.Pkcs12;
            return wrongPassword
                ? $"{pathSetting}: cannot open the certificate at '{path}' ({ex.Message.TrimEnd('.')}): check {certificate.Path}:Password."
                : $"{pathSetting}: '{path}' holds no certificate Kestrel can read ({ex.Message.TrimEnd('.')}): give a PEM (.pem, .crt) or PKCS#12 (.pfx) file.";
        }
        using (loaded)
        {
            if (keyPath is not null)
            {
                try
                {
                    using var withKey = password is null
                        ? X509Certificate2.CreateFromPemFile(path, keyPath)
                        : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);
                    return null;
                }
                catch (Exception ex) when (IsUnreadable(ex))
                {
                    return $"{keySetting}: '{keyPath}' holds no private key for the certificate in {pathSetting} ({ex.Message.TrimEnd('.')}): " +
                        $"give the certificate's own PEM key file (and {certificate.Path}:Password if the key is encrypted).";
                }
            }
            return loaded.HasPrivateKey
                ? null
                : $"{pathSetting}: the certificate at '{path}' has no private key, and a server cannot use it: give the key in {keySetting}, or a .pfx that holds it.";
        }
    }

    private static X509Certificate2 LoadWithItsKey(string path, string? password) =>
        X509Certificate2.GetCertContentType(path) == X509ContentType.Pkcs12
            ? X509CertificateLoader.LoadPkcs12FromFile(path, password)
            : X509CertificateLoader.LoadCertificateFromFile(path);

    private static bool IsUnreadable(Exception exception) =>
        exception is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException;

    // A relative path is from the content root (where the line was started), which an operator may not expect.
    private static string Resolved(string written, string resolved) => Path.IsPathRooted(written) ? "" : $" ({Path.GetFullPath(resolved)})";
}
