namespace WestmontTextLine.Flows;

/// <summary>
/// Maps flows/*.yaml onto their document shapes, key by key. Hand-written rather than YamlDotNet's deserializer:
/// it reads in one pass with no reflection (a fifth of the line's start-up went to the deserializer), and its
/// errors speak an editor's language ("unknown key 'optoins' in node 'health'").
/// </summary>
public static class FlowDocumentReader
{
    private static readonly string[] LanguageKeys =
        ["language", "start", "messages", "keywords", "nodes", "distress", "not_distress", "sensitive_words", "reading_level", "wrong_number",
         "language_words", "courtesy"];
    private static readonly string[] NodeKeys = ["label", "text", "options", "referrals", "topics"];
    private static readonly string[] ReadingLevelKeys = ["max_grade", "min_ease"];
    private static readonly string[] ReferralsKeys = ["referrals"];
    private static readonly string[] ReferralKeys =
        ["name", "label", "phone", "text_number", "text_keyword", "website", "source", "confidence", "verify_before_launch"];

    public static LanguageDocument? ReadLanguage(string text) => ReadLanguage(new StringReader(text));

    public static LanguageDocument? ReadLanguage(TextReader text) => YamlEventReader.ReadDocument(text, reader =>
    {
        var document = new LanguageDocument();
        reader.Fields("the flow file", LanguageKeys, key =>
        {
            switch (key)
            {
                case "language": document.Language = reader.Text("language"); break;
                case "start": document.Start = reader.Text("start"); break;
                case "messages": document.Messages = reader.Map("messages", id => reader.Text($"message '{id}'") ?? "", document.MessageLines); break;
                case "keywords": document.Keywords = reader.Map("keywords", action => reader.TextList($"keywords '{action}'")); break;
                case "nodes": document.Nodes = reader.Map("nodes", id => ReadNode(reader, id), document.NodeLines); break;
                case "distress": document.Distress = reader.Map("distress", category => reader.TextList($"distress '{category}'")); break;
                case "not_distress": document.NotDistress = reader.TextList("not_distress"); break;
                case "sensitive_words": document.SensitiveWords = reader.TextList("sensitive_words"); break;
                case "reading_level": document.ReadingLevel = ReadReadingLevel(reader); break;
                case "wrong_number": document.WrongNumber = reader.TextList("wrong_number"); break;
                case "language_words": document.LanguageWords = reader.TextList("language_words"); break;
                case "courtesy": document.Courtesy = reader.TextList("courtesy"); break;
            }
        });
        return document;
    });

    public static ReferralsDocument? ReadReferrals(string text) => ReadReferrals(new StringReader(text));

    public static ReferralsDocument? ReadReferrals(TextReader text) => YamlEventReader.ReadDocument(text, reader =>
    {
        var document = new ReferralsDocument();
        reader.Fields("the referrals file", ReferralsKeys, _ =>
            document.Referrals = reader.Map("referrals", id => ReadReferral(reader, id), document.ReferralLines));
        return document;
    });

    private static NodeDocument? ReadNode(YamlEventReader reader, string id)
    {
        if (reader.IsEmpty()) return null;
        var node = new NodeDocument();
        var what = $"node '{id}'";
        reader.Fields(what, NodeKeys, key =>
        {
            switch (key)
            {
                case "label": node.Label = reader.Text($"{what}: label"); break;
                case "text": node.Text = reader.Text($"{what}: text"); break;
                case "options": node.Options = reader.TextList($"{what}: options"); break;
                case "referrals": node.Referrals = reader.TextList($"{what}: referrals"); break;
                case "topics": node.Topics = reader.TextList($"{what}: topics"); break;
            }
        });
        return node;
    }

    private static ReadingLevelDocument ReadReadingLevel(YamlEventReader reader)
    {
        var level = new ReadingLevelDocument();
        reader.Fields("reading_level", ReadingLevelKeys, key =>
        {
            switch (key)
            {
                case "max_grade": level.MaxGrade = reader.Number("reading_level: max_grade"); break;
                case "min_ease": level.MinEase = reader.Number("reading_level: min_ease"); break;
            }
        });
        return level;
    }

    private static ReferralDocument? ReadReferral(YamlEventReader reader, string id)
    {
        if (reader.IsEmpty()) return null;
        var referral = new ReferralDocument();
        var what = $"referral '{id}'";
        reader.Fields(what, ReferralKeys, key =>
        {
            switch (key)
            {
                case "name": referral.Name = reader.Text($"{what}: name"); break;
                case "label": referral.Label = reader.Map($"{what}: label", language => reader.Text($"{what}: label '{language}'") ?? ""); break;
                case "phone": referral.Phone = reader.Text($"{what}: phone"); break;
                case "text_number": referral.TextNumber = reader.Text($"{what}: text_number"); break;
                case "text_keyword": referral.TextKeyword = reader.Text($"{what}: text_keyword"); break;
                case "website": referral.Website = reader.Text($"{what}: website"); break;
                case "source": referral.Source = reader.Text($"{what}: source"); break;
                case "confidence": referral.Confidence = reader.Text($"{what}: confidence"); break;
                case "verify_before_launch": referral.VerifyBeforeLaunch = reader.TrueOrFalse($"{what}: verify_before_launch"); break;
            }
        });
        return referral;
    }
}
