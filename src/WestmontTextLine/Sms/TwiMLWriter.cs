using System.Text;

namespace WestmontTextLine.Sms;

/// <summary>
/// Writes the one TwiML document the line answers with: a &lt;Response&gt; holding at most one &lt;Message&gt;, laid
/// out as Twilio's MessagingResponse lays it out. Written by hand: Twilio's builder goes through XDocument, whose
/// XML assemblies (about 3 MB resident) and start-up JIT work the line otherwise never needs. A character XML 1.0
/// cannot carry is left out, where XDocument would throw and the texter would get no answer.
/// </summary>
public static class TwiMLWriter
{
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";

    public static string Write(string? message, string? statusCallback = null)
    {
        if (message is null) return Declaration + "<Response></Response>";
        var xml = new StringBuilder(Declaration.Length + message.Length + (statusCallback?.Length ?? 0) + 80);
        xml.Append(Declaration).Append("<Response>\n  <Message");
        if (statusCallback is not null)
        {
            xml.Append(" action=\"");
            Escape(xml, statusCallback, inAttribute: true);
            xml.Append("\" method=\"POST\"");
        }
        xml.Append('>');
        Escape(xml, message, inAttribute: false);
        return xml.Append("</Message>\n</Response>").ToString();
    }

    /// <summary>
    /// The answer to a call: each text spoken in its language (Twilio's Say, e.g. en-US), then the call ended. The
    /// line takes no calls; this says so, and where to turn.
    /// </summary>
    public static string WriteSpoken(IEnumerable<(string Language, string Text)> spoken)
    {
        var xml = new StringBuilder(Declaration).Append("<Response>\n");
        foreach (var (language, text) in spoken)
        {
            xml.Append("  <Say language=\"");
            Escape(xml, language, inAttribute: true);
            xml.Append("\">");
            Escape(xml, text, inAttribute: false);
            xml.Append("</Say>\n");
        }
        return xml.Append("  <Hangup />\n</Response>").ToString();
    }

    private static void Escape(StringBuilder xml, string text, bool inAttribute)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': xml.Append("&amp;"); break;
                case '<': xml.Append("&lt;"); break;
                case '>': xml.Append("&gt;"); break;
                case '"' when inAttribute: xml.Append("&quot;"); break;
                case '\n' when inAttribute: xml.Append("&#xA;"); break;
                case '\t' when inAttribute: xml.Append("&#x9;"); break;
                case '\r':
                    // As XmlWriter does: a line break in text is written as the platform's, in an attribute as a reference.
                    if (inAttribute) xml.Append("&#xD;");
                    else if (i + 1 >= text.Length || text[i + 1] != '\n') xml.Append('\n');
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        xml.Append(c).Append(text[++i]);
                    }
                    else if (IsXmlChar(c)) xml.Append(c);
                    break;
            }
        }
    }

    private static bool IsXmlChar(char c) =>
        c is '\t' or '\n' or (>= ' ' and < '\uD800') or (>= '\uE000' and < '\uFFFE');
}
