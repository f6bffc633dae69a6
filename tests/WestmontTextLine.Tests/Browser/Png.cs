using System.Buffers.Binary;

namespace WestmontTextLine.Tests.Browser;

/// <summary>Reads a PNG file's header: enough to prove a screenshot is a real picture of the expected size.</summary>
public static class Png
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The image's width and height; throws when the file is not a PNG.</summary>
    public static (int Width, int Height) Size(string path)
    {
        var bytes = File.ReadAllBytes(path);
        // The signature, then the IHDR chunk: length (4), type (4), width (4), height (4).
        if (bytes.Length < 24 || !bytes.AsSpan(0, 8).SequenceEqual(Signature) || !bytes.AsSpan(12, 4).SequenceEqual("IHDR"u8))
        {
            throw new InvalidDataException($"{path} is not a PNG file ({bytes.Length} bytes)");
        }
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
    }
}
