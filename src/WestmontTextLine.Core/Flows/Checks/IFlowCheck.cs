namespace WestmontTextLine.Flows.Checks;

/// <summary>
/// One rule a flows folder must keep, in its own file, as goflow keeps its inspections. Document checks look at the
/// files as parsed and must pass before the flow is built; the others (<see cref="NeedsBuiltFlow"/>) look at the
/// built flow, so what they measure is exactly what texters are sent.
/// </summary>
public interface IFlowCheck
{
    bool NeedsBuiltFlow => false;

    /// <summary>
    /// Only ever warns: a load that needs only the errors (the line's own, at start) skips it. `check`, the console
    /// and the tests run every check.
    /// </summary>
    bool OnlyWarns => false;

    void Check(FlowCheckInput input, List<FlowProblem> problems);
}

/// <summary>What every check sees: the parsed files, and the built flow once the document checks have passed.</summary>
public sealed record FlowCheckInput(string ReferralsFile, ReferralsDocument Referrals, IReadOnlyList<ParsedLanguage> Languages, Flow? Flow = null)
{
    public Flow BuiltFlow => Flow ?? throw new InvalidOperationException("This check runs on the built flow.");
}
