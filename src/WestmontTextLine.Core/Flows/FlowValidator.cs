using WestmontTextLine.Flows.Checks;

namespace WestmontTextLine.Flows;

/// <summary>
/// Every rule a flows folder keeps, in the order they are checked: first the files as parsed (the flow is built only
/// when these find no error), then the built flow. Each rule is one file in Checks/; a new rule is one more line here.
/// </summary>
public static class FlowValidator
{
    public static readonly IReadOnlyList<IFlowCheck> Checks =
    [
        new ReferralEntriesCheck(),
        new LanguageFileCheck(),
        new SensitiveWordsListCheck(),
        new ReadingLevelSettingCheck(),
        new NodesCheck(),
        new ReachabilityCheck(),
        new SameShapeCheck(),
        new WordClashCheck(),
        new DistressListCheck(),
        new NotDistressListCheck(),
        new WrongNumberListCheck(),
        new CourtesyListCheck(),
        new WayBackCheck(),
        new TalkNodeCheck(),
        new ReplyLengthCheck(),
        new ReferralUsageCheck(),
        new LockScreenCheck(),
        new ReadingLevelCheck(),
    ];

    /// <summary>The checks of the files as parsed; with <paramref name="warnings"/> false, only those that can fail.</summary>
    public static void CheckDocuments(FlowCheckInput input, List<FlowProblem> problems, bool warnings = true)
    {
        foreach (var check in ChecksOf(builtFlow: false, warnings)) check.Check(input, problems);
    }

    /// <summary>The checks of the built flow: what texters are actually sent; with <paramref name="warnings"/> false, only those that can fail.</summary>
    public static void CheckBuiltFlow(FlowCheckInput input, List<FlowProblem> problems, bool warnings = true)
    {
        foreach (var check in ChecksOf(builtFlow: true, warnings)) check.Check(input, problems);
    }

    private static IEnumerable<IFlowCheck> ChecksOf(bool builtFlow, bool warnings) =>
        Checks.Where(check => check.NeedsBuiltFlow == builtFlow && (warnings || !check.OnlyWarns));
}
