namespace WestmontTextLine.Tests.Browser;

/// <summary>One axe-core rule a page breaks, with the CSS selectors of the elements that break it.</summary>
public sealed record AxeViolation(string Id, string Impact, string Help, IReadOnlyList<string> Targets)
{
    public override string ToString() => $"{Id} ({Impact}): {Help} at {string.Join(", ", Targets)}";
}
