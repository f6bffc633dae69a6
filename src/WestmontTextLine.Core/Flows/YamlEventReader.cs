using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace WestmontTextLine.Flows;

/// <summary>
/// Reads plain YAML shapes (mappings, lists, text, true/false) straight from the parser's events, in one pass and
/// without reflection. A shape that is not what the flow files use fails with a YamlException naming its line.
/// </summary>
public sealed class YamlEventReader(IParser parser)
{
    /// <summary>The file's only document read by <paramref name="readRoot"/>; null when the file is empty.</summary>
    public static T? ReadDocument<T>(TextReader text, Func<YamlEventReader, T> readRoot) where T : class
    {
        var parser = new Parser(text);
        var reader = new YamlEventReader(parser);
        parser.Consume<StreamStart>();
        if (parser.TryConsume<StreamEnd>(out _)) return null;
        parser.Consume<DocumentStart>();
        T? document = null;
        if (parser.Accept<Scalar>(out var scalar) && IsNull(scalar)) parser.MoveNext();
        else document = readRoot(reader);
        parser.Consume<DocumentEnd>();
        if (!parser.Accept<StreamEnd>(out _)) throw Error(parser.Current!, "a flow file holds one YAML document (remove the second ---)");
        return document;
    }

    /// <summary>A mapping whose keys must be among <paramref name="keys"/>, each given once.</summary>
    public void Fields(string what, string[] keys, Action<string> readValue) =>
        Mapping(what, key =>
        {
            if (!keys.Contains(key.Value))
            {
                throw Error(key, $"unknown key '{key.Value}' in {what} (the keys are: {string.Join(", ", keys)})");
            }
            readValue(key.Value);
        });

    /// <summary>A mapping of any text keys, each given once; <paramref name="lines"/>, if given, gets each key's line.</summary>
    public Dictionary<string, T> Map<T>(string what, Func<string, T> readValue, Dictionary<string, int>? lines = null)
    {
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        Mapping(what, key =>
        {
            lines?.Add(key.Value, (int)key.Start.Line);
            map[key.Value] = readValue(key.Value);
        });
        return map;
    }

    /// <summary>True, having read it, when the next value is YAML's null (an empty value).</summary>
    public bool IsEmpty()
    {
        if (!parser.Accept<Scalar>(out var scalar) || !IsNull(scalar)) return false;
        parser.MoveNext();
        return true;
    }

    public string? Text(string what) => Text(what, isListItem: false);

    // A list's items are named in an error only: "each item of ..." is not written out for every item at each start.
    private string? Text(string what, bool isListItem)
    {
        var current = parser.Current!;
        if (!parser.TryConsume<Scalar>(out var scalar))
        {
            throw Error(current, $"{(isListItem ? "each item of " : "")}{what} must be text, not a list or mapping");
        }
        return IsNull(scalar) ? null : scalar.Value;
    }

    public List<string> TextList(string what)
    {
        var current = parser.Current!;
        if (IsEmpty()) return [];
        if (!parser.TryConsume<SequenceStart>(out _)) throw Error(current, $"{what} must be a list (- item, or [a, b])");
        var items = new List<string>();
        while (!parser.TryConsume<SequenceEnd>(out _)) items.Add(Text(what, isListItem: true) ?? "");
        return items;
    }

    public bool? TrueOrFalse(string what)
    {
        var current = parser.Current!;
        return Text(what)?.ToLowerInvariant() switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => throw Error(current, $"{what} must be true or false"),
        };
    }

    public double? Number(string what)
    {
        var current = parser.Current!;
        var text = Text(what);
        if (text is null) return null;
        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : throw Error(current, $"{what} must be a number");
    }

    private void Mapping(string what, Action<Scalar> readEntry)
    {
        var current = parser.Current!;
        if (!parser.TryConsume<MappingStart>(out _)) throw Error(current, $"{what} must be a mapping (key: value lines)");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyEvent = parser.Current!;
            if (!parser.TryConsume<Scalar>(out var key)) throw Error(keyEvent, $"a key in {what} must be plain text");
            if (!seen.Add(key.Value)) throw Error(key, $"'{key.Value}' is given twice in {what}");
            readEntry(key);
        }
    }

    // YAML's null: nothing at all, ~ or null, unquoted.
    private static bool IsNull(Scalar scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";

    private static YamlException Error(ParsingEvent at, string message) => new(at.Start, at.End, message);
}
