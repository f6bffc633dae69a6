using WestmontTextLine.Flows;
using WestmontTextLine.Flows.Checks;
using WestmontTextLine.Settings;

namespace WestmontTextLine.Handoff;

/// <summary>The texter's handoff texts from the flow files, in her language, with {next}, {offer}, {day} and {time} filled in.</summary>
public sealed class HandoffTexts(Flow flow)
{
    public Messages In(string? language) => flow.Language(language).Messages;

    /// <summary>No one can text now: when someone will be (if the hours say), 911 and the hotline, and the offer to take a message.</summary>
    /// <param name="today">The line's date now: staffed hours that begin later today are "today", not the day's name.</param>
    public string Unavailable(string language, DateTime? nextStart, bool offer, DateOnly? today = null)
    {
        var messages = In(language);
        var next = nextStart is { } start ? " " + Next(language, start, today) : "";
        return messages.HandoffUnavailable
            .Replace("{next}", next, StringComparison.Ordinal)
            .Replace("{offer}", offer ? " " + messages.HandoffOffer : "", StringComparison.Ordinal);
    }

    /// <summary>"Someone will be here Monday at 9:00 AM.", from a wall-clock time of the line's zone.</summary>
    public string Next(string language, DateTime start, DateOnly? today = null)
    {
        var messages = In(language);
        if (today == DateOnly.FromDateTime(start)) return LineClock.FillTime(messages.HandoffNextToday, start, language);
        var days = TalkNodeCheck.DayNames(messages.HandoffDays);
        return LineClock.FillTime(messages.HandoffNext.Replace("{day}", days[(int)start.DayOfWeek], StringComparison.Ordinal), start, language);
    }

    /// <summary>A chat's closing text, in its language, with its label: "thank you for texting", or the no-reply text.</summary>
    public (string Text, string Label) Closing(string language, HandoffClosingText which) => which == HandoffClosingText.Unanswered
        ? (In(language).HandoffClosedUnanswered, "handoff_closed_unanswered")
        : (In(language).HandoffClosed, "handoff_closed");

    /// <summary>The titles (menu labels, in the line's first language, as staff read them) of the answers she read.</summary>
    public IReadOnlyList<string> AnswerTitles(IEnumerable<string> nodes) =>
        [.. nodes.Select(id => flow.Default.Nodes.TryGetValue(id, out var node) ? node.Label ?? id : id)];
}
