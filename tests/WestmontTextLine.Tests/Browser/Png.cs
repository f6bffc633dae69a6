using System.Buffers.Binary;
using System.IO.Compression;

namespace WestmontTextLine.Tests.Browser;

/// <summary>
/// Reads a PNG file's header (enough to prove a screenshot is a real picture of the expected size), and the pixels of
/// a browser's screenshot (8 bits a channel, RGB or RGBA, not interlaced) to measure what the eye would see.
/// </summary>
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

    /// <summary>The pixels of a screenshot, row by row, as RGB.</summary>
    public static Pixels Decode(byte[] png)
    {
        if (png.Length < 33 || !png.AsSpan(0, 8).SequenceEqual(Signature)) throw new InvalidDataException("not a PNG");
        int width = 0, height = 0, channels = 0;
        using var data = new MemoryStream();
        for (var at = 8; at + 8 <= png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at, 4));
            var type = png.AsSpan(at + 4, 4);
            var body = png.AsSpan(at + 8, length);
            if (type.SequenceEqual("IHDR"u8))
            {
                width = BinaryPrimitives.ReadInt32BigEndian(body[..4]);
                height = BinaryPrimitives.ReadInt32BigEndian(body[4..8]);
                if (body[8] != 8 || body[12] != 0) throw new NotSupportedException("only 8-bit, non-interlaced PNGs");
                channels = body[9] switch { 2 => 3, 6 => 4, _ => throw new NotSupportedException($"colour type {body[9]}") };
            }
            else if (type.SequenceEqual("IDAT"u8)) data.Write(body);
            at += 12 + length;
        }
        data.Position = 0;
        using var inflate = new ZLibStream(data, CompressionMode.Decompress);
        var stride = width * channels;
        var raw = new byte[(stride + 1) * height];
        inflate.ReadExactly(raw);
        var pixels = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                int a = x >= channels ? pixels[y * stride + x - channels] : 0;
                int b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
                int c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
                int value = raw[y * (stride + 1) + 1 + x];
                pixels[y * stride + x] = (byte)(filter switch
                {
                    0 => value,
                    1 => value + a,
                    2 => value + b,
                    3 => value + (a + b) / 2,
                    4 => value + Paeth(a, b, c),
                    _ => throw new InvalidDataException($"filter {filter}"),
                });
            }
        }
        return new Pixels(width, height, channels, pixels);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}

/// <summary>A decoded screenshot.</summary>
public sealed record Pixels(int Width, int Height, int Channels, byte[] Data)
{
    public (byte R, byte G, byte B) At(int x, int y)
    {
        var i = (y * Width + x) * Channels;
        return (Data[i], Data[i + 1], Data[i + 2]);
    }

    /// <summary>WCAG's contrast ratio between two colours (1 to 21).</summary>
    public static double Contrast((byte R, byte G, byte B) one, (byte R, byte G, byte B) other)
    {
        var (l1, l2) = (Luminance(one), Luminance(other));
        return (Math.Max(l1, l2) + 0.05) / (Math.Min(l1, l2) + 0.05);
    }

    private static double Luminance((byte R, byte G, byte B) colour)
    {
        static double Linear(byte channel) => channel / 255.0 <= 0.04045 ? channel / 255.0 / 12.92 : Math.Pow((channel / 255.0 + 0.055) / 1.055, 2.4);
        return 0.2126 * Linear(colour.R) + 0.7152 * Linear(colour.G) + 0.0722 * Linear(colour.B);
    }
}
