using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WestmontTextLine.Tests.Support;

/// <summary>A self-signed certificate for localhost in a folder of its own: PEM certificate, PEM key, a .pfx, and a file that is none.</summary>
public sealed class TestCertificateFiles : IDisposable
{
    public const string PfxPassword = "pfx-password-0123456789";

    public TestCertificateFiles()
    {
        Directory.CreateDirectory(Folder);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        File.WriteAllText(CertificatePem, certificate.ExportCertificatePem());
        File.WriteAllText(KeyPem, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllBytes(Pfx, certificate.Export(X509ContentType.Pkcs12, PfxPassword));
        File.WriteAllText(NotACertificate, "not a certificate\n");
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"textline-certificates-{Guid.NewGuid():N}");
    public string CertificatePem => Path.Combine(Folder, "line.crt");
    public string KeyPem => Path.Combine(Folder, "line.key");
    public string Pfx => Path.Combine(Folder, "line.pfx");
    public string NotACertificate => Path.Combine(Folder, "notes.txt");
    public string Missing => Path.Combine(Folder, "missing.key");

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
