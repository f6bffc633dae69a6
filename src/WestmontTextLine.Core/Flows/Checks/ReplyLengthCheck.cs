namespace WestmontTextLine.Flows.Checks;

/// <summary>
/// Every rendered reply must be GSM-7 and fit three segments; more than two is a warning.
/// Checked on the built flow, so what is measured is exactly what is sent.
/// </summary>
public sealed class ReplyLengthCheck : IFlowCheck
{
    public bool NeedsBuiltFlow => true;

    // Characters below the hard limit at which a length warning also says that a few more stop the line.
    private const int NearLimit = 20;

    public void Check(FlowCheckInput input, List<FlowProblem> problems)
    {
        var flow = input.BuiltFlow;
        foreach (var language in flow.Languages.Values)
        {
            foreach (var (where, reply) in RepliesOf(language))
            {
                CheckReply($"{language.FileName}: {where}", reply, PartsOf(where), problems);
            }
        }
    }

    public static IEnumerable<(string Where, string Reply)> RepliesOf(LanguageFlow language)
    {
        foreach (var node in language.Nodes.Values)
        {
            yield return ($"node '{node.Id}'", node.Reply);
            yield return ($"node '{node.Id}' (after input it did not understand)", node.NotUnderstoodReply);
            yield return ($"node '{node.Id}' (after a picture it does not read)", node.MediaNotReadReply);
        }
        yield return ("welcome and main menu", language.WelcomeReply);
        yield return ("message 'start_confirm' and main menu", language.StartReply);
        foreach (var (key, text) in language.Messages.SentAlone) yield return ($"message '{key}'", text);
    }

    // The text an editor sees in the file is only part of what is sent: say what else counts.
    private static string PartsOf(string where) =>
        where.StartsWith("node ", StringComparison.Ordinal)
            ? "the text with its options or referral lines and the footer"
            : where.EndsWith("and main menu", StringComparison.Ordinal)
                ? "the message, the main menu's text and options, and footer_main"
                : "the message with its numbers filled in";

    private static void CheckReply(string where, string reply, string parts, List<FlowProblem> problems)
    {
        var nonGsm = SmsText.FirstNonGsm7(reply);
        if (nonGsm is not null)
        {
            problems.Add(new(Severity.Error, $"{where}: reply has character '{nonGsm}' (U+{(int)nonGsm.Value:X4}), which is not GSM-7"));
            return;
        }
        var septets = SmsText.Septets(reply);
        var segments = SmsText.Segments(reply);
        if (segments > SmsText.MaxSegments)
        {
            problems.Add(new(Severity.Error,
                $"{where}: reply is {septets} characters as sent ({parts}), {segments} segments; the limit is {SmsText.MaxSegments} segments ({SmsText.SeptetBudget(SmsText.MaxSegments)}): shorten it"));
        }
        else if (segments > SmsText.TargetSegments)
        {
            var room = SmsText.SeptetBudget(SmsText.MaxSegments) - septets;
            var nearLimit = room <= NearLimit
                ? $"; only {room} below the limit of {SmsText.SeptetBudget(SmsText.MaxSegments)}, above which the line will not start"
                : "";
            problems.Add(new(Severity.Warning,
                $"{where}: reply is {septets} characters as sent ({parts}), {segments} segments; aim for {SmsText.TargetSegments} ({SmsText.SeptetBudget(SmsText.TargetSegments)}){nearLimit}"));
        }
    }
}
