namespace WestmontTextLine.Bench;

/// <summary>
/// What each simulated texter sends: a first text, menu digits, BACK, MENU and 0, a topic word, and a text the line
/// does not understand, in an order and with digits that differ from sender to sender. No STOP and no FORGET: they
/// would make the rest of the run cheaper than real traffic.
/// </summary>
public static class TextPaths
{
    private static readonly string[] Firsts = ["Hi", "hello", "Hi", "HEY"];
    private static readonly string[] Topics = ["clinic", "hiv test", "lawyer", "food", "shelter near me", "police", "testing", "rehab"];
    private static readonly string[] NotUnderstood = ["what is this", "ok thanks", "who are you", "hmm"];

    // Each path is 10 steps; "d7" is a digit from 1 to 7 (the main menu), "d4" one from 1 to 4 (every sub-menu has 4).
    private static readonly string[][] Paths =
    [
        ["first", "d7", "d4", "BACK", "d4", "MENU", "topic", "?", "0", "d7"],
        ["first", "d7", "BACK", "d7", "d4", "0", "?", "topic", "BACK", "d4"],
        ["first", "topic", "d4", "BACK", "?", "MENU", "d7", "d4", "0", "topic"],
        ["first", "d7", "d4", "?", "BACK", "BACK", "d7", "MENU", "topic", "d4"],
    ];

    public static string Body(long sender, int text)
    {
        var path = Paths[sender % Paths.Length];
        var step = path[text % path.Length];
        var mix = (int)((sender * 7919 + text * 104_729) % 1_000_003);
        return step switch
        {
            "first" => Firsts[mix % Firsts.Length],
            "d7" => (1 + mix % 7).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "d4" => (1 + mix % 4).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "topic" => Topics[mix % Topics.Length],
            "?" => NotUnderstood[mix % NotUnderstood.Length],
            _ => step,
        };
    }
}
