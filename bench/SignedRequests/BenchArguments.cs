using System.Globalization;

namespace WestmontTextLine.Bench;

public sealed record BenchArguments(
    string Url, string Token, string OutDirectory, int Senders, int Texts, int Laps, int Threads, long FirstNumber, uint RunTag)
{
    public static BenchArguments Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected argument {args[i]}");
            values[args[i][2..]] = args[i + 1];
        }
        string Required(string name) => values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");
        long Number(string name, long fallback) => values.TryGetValue(name, out var value) ? long.Parse(value, CultureInfo.InvariantCulture) : fallback;
        return new BenchArguments(Required("url"), Required("token"), Required("out"),
            (int)Number("senders", 30_000), (int)Number("texts", 10), (int)Number("laps", 1), (int)Number("threads", 2),
            Number("first-number", 16_302_000_000), (uint)Number("run-tag", 1));
    }
}
