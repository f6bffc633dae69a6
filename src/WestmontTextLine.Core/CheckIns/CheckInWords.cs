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

    // What may stand between the first digit and the last: 45; 1:30; 1h30, 1 hour 30, 1 hora y 30; 1.5 or 1,5 (hours).
    [GeneratedRegex(@"^(?<count>\d{1,4})$")]
    private static partial Regex WholeNumber();

    [GeneratedRegex(@"^(?<hours>\d{1,2}):(?<minutes>\d{2})$")]
    private static partial Regex HoursColonMinutes();

    [GeneratedRegex(@"^(?<hours>\d{1,2})\s*(?:H|HR|HRS|HOUR|HOURS|HORA|HORAS)\s*(?:AND\s+|Y\s+)?(?<minutes>\d{1,2})$", RegexOptions.IgnoreCase)]
    private static partial Regex HoursThenMinutes();

    [GeneratedRegex(@"^(?<whole>\d{1,2})[.,](?<fraction>\d{1,2})$")]
    private static partial Regex DecimalNumber();

    private enum Unit { None, Minutes, Hours, Other, NotSupported }

    private static readonly HashSet<string> MinuteWords = ["M", "MIN", "MINS", "MINUTE", "MINUTES", "MINUTO", "MINUTOS"];
    private static readonly HashSet<string> HourWords = ["H", "HR", "HRS", "HOUR", "HOURS", "HORA", "HORAS"];
    private static readonly string[] HourWordsArray = [.. HourWords];

    // Units the check-in does not take: "check 2 weeks" must not become a 2-minute timer.
    private static readonly HashSet<string> OtherTimeWords =
    [
        "S", "SEC", "SECS", "SECOND", "SECONDS", "SEGUNDO", "SEGUNDOS", "D", "DAY", "DAYS", "DIA", "DIAS", "W", "WK", "WEEK",
        "WEEKS", "SEMANA", "SEMANAS", "MONTH", "MONTHS", "MES", "MESES", "YEAR", "YEARS", "ANO", "ANOS", "AM", "PM",
        "A", "P",
    ];

    // Words that put a time of day before the digits ("a las 10", "at 9:30", "by 10", "hasta las 11"): a clock time,
    // not a duration. Read as minutes, "a las 10" set a 10-minute timer; so these get the how-to.
    private static readonly string[] ClockTimeWords = ["A LAS", "ALAS", "A LA", "LAS", "AT", "BY", "UNTIL", "TILL", "TIL", "AROUND", "HASTA"];

    // Words anywhere in the text that make it a time of day ("10 tonight", "10 o'clock", "9 a.m.", "10 de la noche",
    // "at noon"): "check 10 tonight" set a 10-minute timer, and "check midnight" was left to the menu.
    private static readonly string[] TimeOfDayWords =
    [
        "TONIGHT", "TONITE", "NOON", "MIDNIGHT", "MORNING", "AFTERNOON", "EVENING", "OCLOCK", "O CLOCK", "A M", "P M",
        "NOCHE", "MANANA", "TARDE", "MEDIODIA", "MEDIANOCHE",
    ];

    // "an hour and a quarter", "hora y cuarto": a quarter of an hour more; "quarter of an hour", "cuarto de hora": 15
    // minutes. The quarter was dropped: "un cuarto de hora" set an hour.
    private static readonly string[] AndAQuarter = ["AND A QUARTER", "AND QUARTER", "Y CUARTO", "Y UN CUARTO"];
    private static readonly string[] QuarterWords = ["QUARTER", "CUARTO"];

    private static readonly System.Buffers.SearchValues<char> AtOrFraction = System.Buffers.SearchValues.Create("@½¼¾⅓⅔");

    // A count written in words: "two hours" was read as "an hour", "dos horas y media" as an hour and a half, and
    // "twenty minutes" was left to the menu. Only "an hour" / "una hora" (and "one") are read without digits.
    private static readonly string[] CountWords =
    [
        "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN", "ELEVEN", "TWELVE", "FIFTEEN", "TWENTY",
        "THIRTY", "FORTY", "FOURTY", "FIFTY", "SIXTY", "NINETY", "COUPLE", "FEW", "SEVERAL",
        "DOS", "TRES", "CUATRO", "CINCO", "SEIS", "SIETE", "OCHO", "NUEVE", "DIEZ", "ONCE", "DOCE", "QUINCE", "VEINTE",
        "TREINTA", "CUARENTA", "CINCUENTA", "SESENTA", "NOVENTA", "UNAS", "UNOS", "VARIAS",
    ];

    // "hora y media", "1 hora y media", "an hour and a half": half an hour more than the hours. "hora y media" was
    // read as "media hora" (30 minutes), "1 hora y media" as 1 hour: a check-in, then an alert, before her time.
    private static readonly string[] AndAHalf = ["Y MEDIA", "AND A HALF", "AND HALF"];

    // A phone number as people type it, then the rest (a name).
    [GeneratedRegex(@"^\s*\S+(?:\s+(?:OFF|ON))?\s*[:,-]?\s*(?<number>\+?\(?\d[\d\s().-]{5,22}\d)\s*(?<name>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex NumberThenName();

    /// <summary>The command a text gives, or null when it is not the check-in's.</summary>
    public static CheckInCommand? Read(string body, Flow flow)
    {
        var normalized = InputText.Normalize(body);
        var keywords = flow.Keywords;
        var whole = keywords.MatchWhole(normalized).Action;
        switch (whole)
        {
            case KeywordAction.Safe: return new CheckInCommand.Safe();
            case KeywordAction.BuddyOff: return new CheckInCommand.RemoveBuddy();
            case KeywordAction.Decline: return new CheckInCommand.Decline();
            case KeywordAction.NotSafe: return new CheckInCommand.NotSafe();
            case KeywordAction.Start: return new CheckInCommand.Agree();
            case KeywordAction.CheckInYes: return new CheckInCommand.YesToCheckIn();
        }
        if (normalized.Length == 0 && AnswerEmoji.IsYes(body)) return new CheckInCommand.YesToCheckIn();
        if (normalized.Length == 0 && AnswerEmoji.IsNo(body)) return new CheckInCommand.NotSafe();
        if (CheckInReaction.Read(body, normalized, flow) is { } reaction) return reaction;
        if (keywords.AfterLeadingWord(normalized, KeywordAction.Check) is { } afterCheck) return TimerFrom(afterCheck, body);
        if (keywords.AfterLeadingWord(normalized, KeywordAction.Buddy) is not null)
            return BuddyFrom(body, keywords.LanguageOfLeadingWord(normalized, KeywordAction.Buddy));
        if (keywords.AfterLeadingWord(normalized, KeywordAction.CodeWord) is { } afterCodeWord) return CodeWordFrom(afterCodeWord, flow);
        return NoInHerWords.Reads(normalized, whole, keywords) ? new CheckInCommand.NotSafe() : null;
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

    private static CheckInCommand? TimerFrom(string rest, string body)
    {
        // "@ 10" is "at 10"; normalising turns the @ into a space. "1½" was 1 minute: the ½ is no digit.
        if (body.AsSpan().IndexOfAny(AtOrFraction) >= 0) return new CheckInCommand.TimerUsage();
        var first = body.AsSpan().IndexOfAnyInRange('0', '9');
        var andAHalf = ContainsAny(rest, AndAHalf);
        var andAQuarter = ContainsAny(rest, AndAQuarter);
        if (first < 0)
        {
            // "check in" is a topic question, not a command: the menu answers it. The word alone asks how. Any word but
            // a timer's is a question too: "check the clinic hours" and "avisame a que hora abren" set a one-hour timer.
            if (!OnlyTimerWords(rest)) return rest.Length == 0 ? new CheckInCommand.TimerUsage() : null;
            if (ContainsAny(rest, CountWords) || ContainsAny(rest, TimeOfDayWords)) return new CheckInCommand.TimerUsage();
            // "check on me in half an hour", "avisame en media hora", "check on me in an hour", "avisame en una hora"
            var hour = ContainsAny(rest, HourWordsArray);
            if (hour && andAHalf) return new CheckInCommand.SetTimer(TimeSpan.FromMinutes(90));
            if (hour && andAQuarter) return new CheckInCommand.SetTimer(TimeSpan.FromMinutes(75));
            if (hour && ContainsAny(rest, QuarterWords)) return new CheckInCommand.SetTimer(TimeSpan.FromMinutes(15));
            if (hour && (InputText.ContainsWords(rest, "HALF") || InputText.ContainsWords(rest, "MEDIA"))) return new CheckInCommand.SetTimer(TimeSpan.FromMinutes(30));
            if (hour) return new CheckInCommand.SetTimer(TimeSpan.FromHours(1));
            return rest.Length == 0 ? new CheckInCommand.TimerUsage() : null;
        }
        if (ContainsAny(rest, ClockTimeWords) || ContainsAny(rest, TimeOfDayWords)) return new CheckInCommand.TimerUsage();
        // An hour before the digits ("an hour and 15 min", "una hora y 20"): the digits alone were the timer.
        if (ContainsAny(InputText.Normalize(body[..first]), HourWordsArray)) return new CheckInCommand.TimerUsage();
        var last = body.AsSpan().LastIndexOfAnyInRange('0', '9');
        var digits = body[first..(last + 1)];
        var unit = UnitAfter(body, last + 1);
        var duration = DurationOf(digits, first > 0 ? body[first - 1] : ' ', unit);
        if ((andAHalf || andAQuarter) && WholeNumber().IsMatch(digits) && unit is not Unit.Minutes and not Unit.NotSupported)
        {
            // "2 horas y media", "1 hora y cuarto", and "2 and a half hours" with the hour word after the half (read as
            // 2 minutes once).
            duration = unit == Unit.Hours || ContainsAny(rest, HourWordsArray)
                ? TimeSpan.FromHours(int.Parse(digits, CultureInfo.InvariantCulture)) + TimeSpan.FromMinutes(andAHalf ? 30 : 15)
                : null;
        }
        return duration is not { } minutes || minutes < Shortest || minutes > Longest
            ? new CheckInCommand.TimerUsage()
            : new CheckInCommand.SetTimer(minutes);
    }

    /// <summary>True when every word is one a timer or a time of day is written with ("on me in an hour", "esta noche").</summary>
    private static bool OnlyTimerWords(string normalized)
    {
        foreach (var word in normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!TimerWords.Contains(word)) return false;
        }
        return true;
    }

    private static readonly HashSet<string> TimerWords = BuildTimerWords();

    private static HashSet<string> BuildTimerWords()
    {
        HashSet<string> words =
        [
            "ON", "ME", "IN", "AN", "A", "ONE", "FOR", "AFTER", "BACK", "AND", "OF", "THE", "AT", "BY", "AROUND", "UNTIL",
            "TILL", "TIL", "THIS", "PLEASE", "PLS", "PLZ", "HALF", "QUARTER", "MINUTE", "MINUTES", "MIN", "MINS",
            "EN", "UNA", "UN", "Y", "DE", "LA", "LAS", "AL", "ESTA", "POR", "FAVOR", "PORFA", "PORFAVOR", "HASTA", "MEDIA",
            "CUARTO", "MINUTO", "MINUTOS",
            // What people add to the request itself, not a question: "in an hour thanks, im going out".
            "THANKS", "THANK", "YOU", "THX", "TY", "OK", "OKAY", "JUST", "NOW", "FROM", "SO", "IM", "I", "ILL", "WILL",
            "BE", "GOING", "OUT", "GRACIAS", "VOY", "SALIR", "SALGO", "YA",
        ];
        words.UnionWith(HourWords);
        words.UnionWith(CountWords);
        foreach (var phrase in TimeOfDayWords) words.UnionWith(phrase.Split(' '));
        return words;
    }

    private static bool ContainsAny(string normalized, string[] phrases)
    {
        foreach (var phrase in phrases)
        {
            if (InputText.ContainsWords(normalized, phrase)) return true;
        }
        return false;
    }

    /// <summary>
    /// The time the digits say, or null when they could mean something else: a timer the texter did not mean could
    /// alert her contact while she is fine, so "1,000", "-5", "0x10", "1e9" or "2 weeks" get the how-to instead.
    /// </summary>
    private static TimeSpan? DurationOf(string digits, char before, Unit unit)
    {
        if (char.IsLetter(before) || before is '-' or '+' or '.' or ',' or '$' or '#' || unit == Unit.NotSupported) return null;
        if (WholeNumber().Match(digits) is { Success: true } whole)
        {
            var count = int.Parse(whole.Groups["count"].Value, CultureInfo.InvariantCulture);
            return unit == Unit.Hours ? TimeSpan.FromHours(count) : TimeSpan.FromMinutes(count);
        }
        var hoursAndMinutes = HoursColonMinutes().Match(digits);
        if (!hoursAndMinutes.Success) hoursAndMinutes = HoursThenMinutes().Match(digits);
        if (hoursAndMinutes.Success && unit != Unit.Hours)
        {
            var minutes = int.Parse(hoursAndMinutes.Groups["minutes"].Value, CultureInfo.InvariantCulture);
            if (minutes >= 60) return null;
            return TimeSpan.FromHours(int.Parse(hoursAndMinutes.Groups["hours"].Value, CultureInfo.InvariantCulture)) + TimeSpan.FromMinutes(minutes);
        }
        if (DecimalNumber().Match(digits) is { Success: true } fraction && unit == Unit.Hours)
        {
            var hours = decimal.Parse($"{fraction.Groups["whole"].Value}.{fraction.Groups["fraction"].Value}", CultureInfo.InvariantCulture);
            return TimeSpan.FromMinutes((double)Math.Round(hours * 60));
        }
        return null;
    }

    /// <summary>The word right after the last digit ("45min", "2 horas"), read as a unit.</summary>
    private static Unit UnitAfter(string body, int from)
    {
        var at = from;
        while (at < body.Length && body[at] == ' ') at++;
        var end = at;
        while (end < body.Length && char.IsLetter(body[end])) end++;
        if (end == at) return Unit.None;
        var word = InputText.Normalize(body[at..end]);
        return MinuteWords.Contains(word) ? Unit.Minutes
            : HourWords.Contains(word) ? Unit.Hours
            : OtherTimeWords.Contains(word) ? Unit.NotSupported
            : Unit.Other;
    }

    private static CheckInCommand BuddyFrom(string body, string? language)
    {
        var match = NumberThenName().Match(body);
        if (!match.Success) return new CheckInCommand.BuddyUsage();
        var number = new string(match.Groups["number"].Value.Where(c => char.IsAsciiDigit(c) || c == '+').ToArray());
        return new CheckInCommand.AddBuddy(number, NameFrom(match.Groups["name"].Value), language);
    }

    /// <summary>
    /// A name a contact will read: letters, spaces, ' and -, GSM-7, at most 20 characters; else none. An accent GSM-7
    /// lacks becomes its plain letter (María: Maria), as in the flow files, instead of costing the whole name.
    /// </summary>
    public static string? NameFrom(string typed)
    {
        var name = new string(Gsm7Text.Normalize(typed.Trim()).Where(c => char.IsLetter(c) || c is ' ' or '\'' or '-').ToArray()).Trim();
        if (name.Length == 0 || !SmsText.IsGsm7(name)) return null;
        return name.Length <= LongestName ? name : name[..LongestName].TrimEnd();
    }

    private static CheckInCommand CodeWordFrom(string rest, Flow flow)
    {
        return IsFreeWord(rest, flow) ? new CheckInCommand.SetCodeWord(rest) : new CheckInCommand.CodeWordUsage();
    }
}
