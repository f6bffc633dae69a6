namespace WestmontTextLine.CheckIns;

/// <summary>What a text asks of the safety check-in: a timer, its end, a safety contact, a code word.</summary>
public abstract record CheckInCommand
{
    /// <summary>CHECK 45, CHECK 2h, "check on me in 1 hour": a timer from 1 minute to 12 hours.</summary>
    public sealed record SetTimer(TimeSpan Duration) : CheckInCommand;

    /// <summary>The check word with a number the line cannot use (0, 800 minutes): how to write it.</summary>
    public sealed record TimerUsage : CheckInCommand;

    /// <summary>OK, SAFE, "I'm safe": stops a running or expired timer.</summary>
    public sealed record Safe : CheckInCommand;

    /// <summary>
    /// BUDDY +16305550123 Ana: the contact's number as typed (digits and a leading +), the name the contact will see, and
    /// the language of the word she used (BUDDY English, CONTACTO Spanish), in which the contact is asked.
    /// </summary>
    public sealed record AddBuddy(string Number, string? Name, string? Language = null) : CheckInCommand;

    /// <summary>BUDDY with no number it can read.</summary>
    public sealed record BuddyUsage : CheckInCommand;

    public sealed record RemoveBuddy : CheckInCommand;

    /// <summary>CODEWORD pineapple, normalised: one word, not a keyword or topic word.</summary>
    public sealed record SetCodeWord(string Word) : CheckInCommand;

    public sealed record CodeWordUsage : CheckInCommand;

    /// <summary>YES (or SI): a contact agreeing. Also the opt-in word: the two meanings agree.</summary>
    public sealed record Agree : CheckInCommand;

    /// <summary>NO: a contact declining; from her, while her check-in text awaits her OK, that she is not all right.</summary>
    public sealed record Decline : CheckInCommand;

    /// <summary>"not ok", "nope": her answer to the check-in text that she is not all right (the menu's otherwise).</summary>
    public sealed record NotSafe : CheckInCommand;

    /// <summary>
    /// "y", "yeah", "k", a thumbs-up: her yes to the check-in text while it waits for her OK (the menu's otherwise). Not
    /// an OK at any time: before the check-in text, "k" or a thumbs-up is her "got it" to the time she was told.
    /// </summary>
    public sealed record YesToCheckIn : CheckInCommand;
}
