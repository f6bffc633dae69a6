namespace WestmontTextLine.Console;

/// <summary>The "Console" settings section: the staff console under /console.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";
    public const string PathBase = "/console";

    public bool Enabled { get; set; } = true;
}
