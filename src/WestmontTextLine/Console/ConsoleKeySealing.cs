using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using WestmontTextLine.Privacy;

namespace WestmontTextLine.Console;

/// <summary>
/// Seals each console data-protection key (which signs the console's cookies and forms) under the line's encryption key
/// before it is written to the key folder or to Redis, as every other record is: whoever copies the folder or a Redis
/// dump without the key cannot make a staff member's cookie. Written unprotected, as the framework does by default, a
/// leaked dump was enough to sign in to the inbox. A key sealed under TextLine:PreviousEncryptionKey still opens while
/// that key is set; a key neither opens is left unused, and the console makes a new one (staff sign in again).
/// </summary>
public sealed class ConsoleKeyEncryptor(PersonalDataCipher cipher) : IXmlEncryptor
{
    /// <summary>What a sealed console key is bound to: it opens as nothing else.</summary>
    public const string Associated = "console-key";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var sealedKey = cipher.Encrypt(plaintextElement.ToString(SaveOptions.DisableFormatting), Associated);
        return new EncryptedXmlInfo(new XElement("sealed", Convert.ToBase64String(sealedKey)), typeof(ConsoleKeyDecryptor));
    }
}

/// <summary>Opens a console key sealed by <see cref="ConsoleKeyEncryptor"/>. Made by the data-protection system, which passes its services.</summary>
public sealed class ConsoleKeyDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        XElement.Parse(services.GetRequiredService<PersonalDataCipher>()
            .Decrypt(Convert.FromBase64String(encryptedElement.Value), ConsoleKeyEncryptor.Associated));
}
