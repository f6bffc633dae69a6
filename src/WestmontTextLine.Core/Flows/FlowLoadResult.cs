namespace WestmontTextLine.Flows;

public sealed record FlowLoadResult(Flow? Flow, IReadOnlyList<FlowProblem> Problems)
{
    public IEnumerable<FlowProblem> Errors => Problems.Where(p => p.Severity == Severity.Error);
    public IEnumerable<FlowProblem> Warnings => Problems.Where(p => p.Severity == Severity.Warning);
    public bool Succeeded => Flow is not null;

    public Flow FlowOrThrow() => Flow ?? throw new FlowLoadException(this);
}

public sealed class FlowLoadException(FlowLoadResult result)
    : Exception("The flows did not load:" + Environment.NewLine + string.Join(Environment.NewLine, result.Errors))
{
    public FlowLoadResult Result { get; } = result;
}
