using YamlDotNet.Core;

namespace WestmontTextLine.Flows;

/// <summary>
/// A YAML syntax error as an editor can act on it: the line to look at and what to do, in place of the parser's
/// words ("While parsing a block mapping, did not find expected key."). A mistake with no known wording keeps the
/// parser's reason.
/// </summary>
public static class YamlSyntaxError
{
    public static string Describe(YamlException error, string text)
    {
        var innermost = error;
        while (innermost.InnerException is YamlException inner) innermost = inner;
        var reason = ParserReason(innermost);
        var line = innermost.Start.Line;

        if (reason.Contains("tab", StringComparison.OrdinalIgnoreCase))
        {
            // The parser gives no position for a tab in the indentation (it said "line 1"): find the line.
            line = FirstLineIndentedWithTab(text) ?? line;
            return $"line {line}: a tab is used to indent this line; indent with spaces only, lined up with the lines around it";
        }
        if (reason.Contains("did not find expected key", StringComparison.Ordinal))
        {
            return $"line {line}: this line or the one above does not line up with the lines around it. A node id is 2 spaces in, "
                + "its label:, text:, options: 4 spaces; a \" inside a text is written \\\"";
        }
        if (reason.Contains("found invalid mapping", StringComparison.Ordinal))
        {
            return $"line {line}: a text with a colon in it (': ') must be in double quotes, as in label: \"Health: care\"";
        }
        if (reason.Contains("double-quoted scalar", StringComparison.Ordinal))
        {
            return $"line {line}: a text's closing \" is missing (or the text runs on to the next line)";
        }
        return $"line {line}: {reason}";
    }

    // YamlDotNet prefixes "(Line: 1, Col: 2, Idx: 3) - (Line: ...): "; the line is given once, in front.
    private static string ParserReason(YamlException error)
    {
        var reason = error.Message.Split('\n')[0];
        var afterPosition = reason.IndexOf("): ", StringComparison.Ordinal);
        if (reason.StartsWith('(') && afterPosition > 0) reason = reason[(afterPosition + 3)..];
        return reason.Trim();
    }

    private static int? FirstLineIndentedWithTab(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indentation = lines[i][..(lines[i].Length - lines[i].TrimStart(' ', '\t').Length)];
            if (indentation.Contains('\t')) return i + 1;
        }
        return null;
    }
}
