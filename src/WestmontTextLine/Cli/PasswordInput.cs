using System.Text;

namespace WestmontTextLine.Cli;

/// <summary>
/// Reads a password: on the real terminal key by key, echoing nothing; from any other input (a pipe, a file, a test's
/// reader) the next line, so `printf '%s\n' "$PASSWORD" | ... staff add ana --role admin` works in scripts.
/// </summary>
public static class PasswordInput
{
    /// <summary>The line typed or read, without its line break; null at the end of the input (Ctrl-D on an empty line).</summary>
    public static async Task<string?> ReadAsync(CliConsole console, string prompt)
    {
        if (!console.InputIsTerminal) return await console.Input.ReadLineAsync();
        await console.Output.WriteAsync(prompt);
        await console.Output.FlushAsync();
        var typed = IsRealTerminal(console) ? ReadKeysWithoutEcho() : await console.Input.ReadLineAsync();
        await console.Output.WriteLineAsync();
        return typed;
    }

    private static bool IsRealTerminal(CliConsole console) =>
        ReferenceEquals(console.Input, global::System.Console.In) && !global::System.Console.IsInputRedirected;

    private static string? ReadKeysWithoutEcho()
    {
        var typed = new StringBuilder();
        while (true)
        {
            var key = global::System.Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    return typed.ToString();
                case ConsoleKey.Backspace:
                    if (typed.Length > 0) typed.Length--;
                    continue;
            }
            if (key.Modifiers.HasFlag(ConsoleModifiers.Control) && key.Key == ConsoleKey.D && typed.Length == 0) return null;
            if (!char.IsControl(key.KeyChar)) typed.Append(key.KeyChar);
        }
    }
}
