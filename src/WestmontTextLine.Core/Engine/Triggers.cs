namespace WestmontTextLine.Engine;

/// <summary>The menu machine's triggers: option digits, the two navigation keywords, and a jump to a named node.</summary>
public static class Triggers
{
    public const string Menu = "MENU";
    public const string Back = "BACK";
    public const string Goto = "GOTO";

    private static readonly string[] DigitTriggers = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    public static string Option(int number) => DigitTriggers[number];

    /// <summary>The option number a message selects ("1" to "9"), or 0 when it is not a single digit.</summary>
    public static int OptionNumber(string normalized) =>
        normalized.Length == 1 && normalized[0] is >= '1' and <= '9' ? normalized[0] - '0' : 0;
}
