using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WestmontTextLine.Tests.Console;

/// <summary>
/// A passkey authenticator in the test itself, for the console's passkey pages without a browser: one ES256 key pair,
/// made with user verification, answering the console's options JSON with the credential JSON a browser would post
/// (PublicKeyCredential.toJSON), "none" attestation, its own small CBOR. It signs whatever origin and relying party a
/// test gives it, so a test can also play a look-alike site.
/// </summary>
public sealed class SoftPasskey : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private string? _userHandle;

    public byte[] CredentialId { get; } = RandomNumberGenerator.GetBytes(16);

    /// <summary>The authenticator's signature counter; each assertion counts one more.</summary>
    public uint SignCount { get; set; }

    /// <summary>The credential JSON for navigator.credentials.create with these options, as made on <paramref name="origin"/>.</summary>
    public string Create(string optionsJson, string origin)
    {
        var options = JsonNode.Parse(optionsJson)!;
        var rpId = (string)options["rp"]!["id"]!;
        _userHandle = (string)options["user"]!["id"]!;
        var clientData = ClientData("webauthn.create", (string)options["challenge"]!, origin);
        var authenticatorData = AuthenticatorData(rpId, attested: true);
        var attestationObject = Cbor.Map(
            (Cbor.Text("fmt"), Cbor.Text("none")),
            (Cbor.Text("attStmt"), Cbor.Map()),
            (Cbor.Text("authData"), Cbor.Bytes(authenticatorData)));
        return Credential(new JsonObject
        {
            ["clientDataJSON"] = Base64Url.EncodeToString(clientData),
            ["attestationObject"] = Base64Url.EncodeToString(attestationObject),
            ["transports"] = new JsonArray("internal"),
        });
    }

    /// <summary>The credential JSON for navigator.credentials.get with these options, signed for <paramref name="origin"/>.</summary>
    public string Get(string optionsJson, string origin, string? rpId = null)
    {
        var options = JsonNode.Parse(optionsJson)!;
        rpId ??= (string)options["rpId"]!;
        var clientData = ClientData("webauthn.get", (string)options["challenge"]!, origin);
        SignCount++;
        var authenticatorData = AuthenticatorData(rpId, attested: false);
        var signature = _key.SignData([.. authenticatorData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256,
            DSASignatureFormat.Rfc3279DerSequence);
        return Credential(new JsonObject
        {
            ["clientDataJSON"] = Base64Url.EncodeToString(clientData),
            ["authenticatorData"] = Base64Url.EncodeToString(authenticatorData),
            ["signature"] = Base64Url.EncodeToString(signature),
            ["userHandle"] = _userHandle ?? throw new InvalidOperationException("Create the passkey first."),
        });
    }

    private string Credential(JsonObject response) => new JsonObject
    {
        ["id"] = Base64Url.EncodeToString(CredentialId),
        ["rawId"] = Base64Url.EncodeToString(CredentialId),
        ["type"] = "public-key",
        ["authenticatorAttachment"] = "platform",
        ["clientExtensionResults"] = new JsonObject(),
        ["response"] = response,
    }.ToJsonString();

    private static byte[] ClientData(string type, string challenge, string origin) => JsonSerializer.SerializeToUtf8Bytes(new JsonObject
    {
        ["type"] = type,
        ["challenge"] = challenge,
        ["origin"] = origin,
        ["crossOrigin"] = false,
    });

    /// <summary>rpIdHash, flags (user present and verified; attested data when made), counter, then the credential.</summary>
    private byte[] AuthenticatorData(string rpId, bool attested)
    {
        var data = new List<byte>(SHA256.HashData(Encoding.UTF8.GetBytes(rpId)));
        const byte UserPresent = 0x01, UserVerified = 0x04, AttestedData = 0x40;
        data.Add((byte)(UserPresent | UserVerified | (attested ? AttestedData : 0)));
        var counter = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(counter, SignCount);
        data.AddRange(counter);
        if (!attested) return [.. data];
        data.AddRange(new byte[16]); // AAGUID: none
        var length = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)CredentialId.Length);
        data.AddRange(length);
        data.AddRange(CredentialId);
        var point = _key.ExportParameters(includePrivateParameters: false).Q;
        // COSE_Key: kty EC2, alg ES256, crv P-256, x, y.
        data.AddRange(Cbor.Map(
            (Cbor.Int(1), Cbor.Int(2)),
            (Cbor.Int(3), Cbor.Int(-7)),
            (Cbor.Int(-1), Cbor.Int(1)),
            (Cbor.Int(-2), Cbor.Bytes(point.X!)),
            (Cbor.Int(-3), Cbor.Bytes(point.Y!))));
        return [.. data];
    }

    public void Dispose() => _key.Dispose();

    /// <summary>The few CBOR items WebAuthn needs, in canonical form when the caller gives map keys in canonical order.</summary>
    private static class Cbor
    {
        public static byte[] Int(int value) => value >= 0 ? Head(0, (ulong)value) : Head(1, (ulong)(-1 - value));

        public static byte[] Bytes(byte[] value) => [.. Head(2, (ulong)value.Length), .. value];

        public static byte[] Text(string value) => [.. Head(3, (ulong)Encoding.UTF8.GetByteCount(value)), .. Encoding.UTF8.GetBytes(value)];

        public static byte[] Map(params (byte[] Key, byte[] Value)[] entries) =>
            [.. Head(5, (ulong)entries.Length), .. entries.SelectMany(entry => entry.Key.Concat(entry.Value))];

        private static byte[] Head(int major, ulong length)
        {
            var type = (byte)(major << 5);
            return length switch
            {
                < 24 => [(byte)(type | (byte)length)],
                <= byte.MaxValue => [(byte)(type | 24), (byte)length],
                <= ushort.MaxValue => [(byte)(type | 25), (byte)(length >> 8), (byte)length],
                _ => throw new ArgumentOutOfRangeException(nameof(length), "Longer than this authenticator ever writes."),
            };
        }
    }
}
