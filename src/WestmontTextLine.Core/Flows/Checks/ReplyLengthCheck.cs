namespace WestmontTextLine.Flows.Checks;

/// <summary>
/// Every rendered reply must be GSM-7 and fit three segments; more than two is a warning.
/// Checked on the built flow, so what is measured is exactly what is sent.
/// </summary>
public sealed class ReplyLengthCheck : IFlowCheck
{
    public bool NeedsBuiltFlow => true;

    public void Check(FlowCheckInput input, List<FlowProblem> problems)
    {
        var flow = input.BuiltFlow;
        foreach (var language in flow.Languages.Values)
        {
            foreach (var (where, reply) in RepliesOf(language)) CheckReply($"{language.FileName}: {where}", reply, problems);
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

    private static void CheckReply(string where, string reply, List<FlowProblem> problems)
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
                $"{where}: reply is {septets} characters ({segments} segments); the limit is {SmsText.MaxSegments} segments ({SmsText.SeptetBudget(SmsText.MaxSegments)})"));
        }
        else if (segments > SmsText.TargetSegments)
        {
            problems.Add(new(Severity.Warning,
                $"{where}: reply is {septets} characters ({segments} segments); aim for {SmsText.TargetSegments} ({SmsText.SeptetBudget(SmsText.TargetSegments)})"));
        }
    }
}
