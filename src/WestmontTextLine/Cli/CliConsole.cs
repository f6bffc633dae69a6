namespace WestmontTextLine.Cli;

/// <summary>Where a verb reads and writes: the real terminal, or a test's reader and writers.</summary>
public sealed record CliConsole(TextReader Input, TextWriter Output, TextWriter Error, bool InputIsTerminal)
{
    public static CliConsole System => new(global::System.Console.In, global::System.Console.Out, global::System.Console.Error, !global::System.Console.IsInputRedirected);
}
