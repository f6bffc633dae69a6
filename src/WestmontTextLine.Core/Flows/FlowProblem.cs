namespace WestmontTextLine.Flows;

public enum Severity { Error, Warning }

/// <summary>One finding of the loader, always prefixed with the file (and node) it is about.</summary>
public sealed record FlowProblem(Severity Severity, string Message)
{
    public override string ToString() => (Severity == Severity.Error ? "error: " : "warning: ") + Message;
}
