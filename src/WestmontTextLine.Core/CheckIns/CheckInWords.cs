using System.Globalization;
using System.Text.RegularExpressions;
using WestmontTextLine.Flows;
using WestmontTextLine.Words;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// Reads the check-in's commands from a text, with the words of the flow files (keywords check, safe, buddy,
/// buddy_off, codeword, decline, and start for YES). Pure: what the line then does is the host's.
/// </summary>
public static partial class CheckInWords
{
    public static readonly TimeSpan Shortest = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan Longest = TimeSpan.FromHours(12);
    public const int LongestName = 20;

    // A number, then maybe a unit: 45, 90 min, 2h, 1 hour, 2 horas.
    [GeneratedRegex(@"(?<!\d)(?<count>\d{1,4})\s*(?<unit>M|MIN|MINS|MINUTE|MINUTES|MINUTO|MINUTOS|H|HR|HRS|HOUR|HOURS|HORA|HORAS)?(?![A-Z0-9])")]
    private static partial Regex Duration();

    // A phone number as people type it, then the rest (a name).
    [GeneratedRegex(@"^\s*\S+(?:\s+(?:OFF|ON))?\s*[:,-]?\s*(?<number>\+?\(?\d[\d\s().-]{5,22}\d)\s*(?<name>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex NumberThenName();

    /// <summary>The command a text gives, or null when it is not the check-in's.</summary>
    public static CheckInCommand? Read(string body, Flow flow)
    {
        var normalized = InputText.Normalize(body);
        var keywords = flow.Keywords;
        switch (keywords.MatchWhole(normalized).Action)
        {
            case KeywordAction.Safe: return new CheckInCommand.Safe();
            case KeywordAction.BuddyOff: return new CheckInCommand.RemoveBuddy();
            case KeywordAction.Decline: return new CheckInCommand.Decline();
            case KeywordAction.Start: return new CheckInCommand.Agree();
        }
        if (keywords.AfterLeadingWord(normalized, KeywordAction.Check) is { } afterCheck) return TimerFrom(afterCheck);
        if (keywords.AfterLeadingWord(normalized, KeywordAction.Buddy) is not null) return BuddyFrom(body);
        if (keywords.AfterLeadingWord(normalized, KeywordAction.CodeWord) is { } afterCodeWord) return CodeWordFrom(afterCodeWord, flow);
        return null;
    }

    /// <summary>A text that is only this code word, as <see cref="CheckInCommand.SetCodeWord"/> stored it.</summary>
    public static bool IsCodeWord(string body, string codeWord) => InputText.Normalize(body) == codeWord;

    /// <summary>True for a text that could be someone's code word: one word the line gives no other meaning.</summary>
    public static bool CouldBeCodeWord(string body, Flow flow) => IsFreeWord(InputText.Normalize(body), flow);

    private static bool IsFreeWord(string word, Flow flow) =>
        word.Length is >= 3 and <= 20 && !word.AsSpan().ContainsAnyExcept(AsciiLettersAndDigits) && word.AsSpan().ContainsAnyExceptInRange('0', '9')
        && flow.Keywords.MatchWhole(word).Action == KeywordAction.None
        && !IsTopicPhrase(word, flow);

    private static readonly System.Buffers.SearchValues<char> AsciiLettersAndDigits =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    // Loops rather than LINQ: this runs for every one-word text.
    private static bool IsTopicPhrase(string word, Flow flow)
    {
        foreach (var language in flow.Languages.Values)
        {
            var topics = language.Topics;
            for (var i = 0; i < topics.Count; i++)
            {
                if (topics[i].Phrase == word) return true;
            }
        }
        return false;
    }

    private static CheckInCommand? TimerFrom(string rest)
    {
        var match = Duration().Match(rest);
        if (!match.Success)
        {
            // "check on me in an hour", "avisame en una hora"
            if (rest.Contains("HOUR", StringComparison.Ordinal) || rest.Contains("HORA", StringComparison.Ordinal)) return new CheckInCommand.SetTimer(TimeSpan.FromHours(1));
            // "check in" is a topic question, not a command: the menu answers it. The word alone asks how.
            return rest.Length == 0 ? new CheckInCommand.TimerUsage() : null;
        }
        var count = int.Parse(match.Groups["count"].Value, CultureInfo.InvariantCulture);
        var hours = match.Groups["unit"].Value.StartsWith('H');
        var duration = hours ? TimeSpan.FromHours(count) : TimeSpan.FromMinutes(count);
        return duration < Shortest || duration > Longest ? new CheckInCommand.TimerUsage() : new CheckInCommand.SetTimer(duration);
    }

    private static CheckInCommand BuddyFrom(string body)
    {
        var match = NumberThenName().Match(body);
        if (!match.Success) return new CheckInCommand.BuddyUsage();
        var number = new string(match.Groups["number"].Value.Where(c => char.IsAsciiDigit(c) || c == '+').ToArray());
        return new CheckInCommand.AddBuddy(number, NameFrom(match.Groups["name"].Value));
    }

    /// <summary>A name a contact will read: letters, spaces, ' and -, GSM-7, at most 20 characters; else none.</summary>
    public static string? NameFrom(string typed)
    {
        var name = new string(typed.Trim().Where(c => char.IsLetter(c) || c is ' ' or '\'' or '-').ToArray()).Trim();
        if (name.Length == 0 || !SmsText.IsGsm7(name)) return null;
        return name.Length <= LongestName ? name : name[..LongestName].TrimEnd();
    }

    private static CheckInCommand CodeWordFrom(string rest, Flow flow)
    {
        return IsFreeWord(rest, flow) ? new CheckInCommand.SetCodeWord(rest) : new CheckInCommand.CodeWordUsage();
    }
}
