namespace WestmontTextLine.Console.Accounts;

/// <summary>
/// The 30,000 most common passwords, from zxcvbn 4.4.2's "passwords" frequency list (npm package zxcvbn,
/// lib/frequency_lists.js), vendored unchanged as the embedded resource common-passwords.txt. Read once, on first
/// use, into a set that ignores case.
/// <para>
/// zxcvbn is Copyright (c) 2012-2016 Dan Wheeler and Dropbox, Inc., under the MIT licence: "Permission is hereby
/// granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the
/// "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy,
/// modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom
/// the Software is furnished to do so, subject to the following conditions: The above copyright notice and this
/// permission notice shall be included in all copies or substantial portions of the Software. THE SOFTWARE IS
/// PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF
/// MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT
/// HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE,
/// ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE."
/// </para>
/// </summary>
public static class CommonPasswords
{
    public const string ResourceName = "WestmontTextLine.Console.Accounts.common-passwords.txt";

    private static readonly Lazy<HashSet<string>> List = new(Load);

    public static int Count => List.Value.Count;

    public static bool Contains(string password) => List.Value.Contains(password);

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded list of common passwords ({ResourceName}) is missing from the build.");
        using var reader = new StreamReader(stream);
        var passwords = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#') passwords.Add(line);
        }
        return passwords;
    }
}
