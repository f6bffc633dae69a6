using WestmontTextLine.Flows;
using WestmontTextLine.Words;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// A reaction to the check-in text, as an iPhone sends one to an SMS number: the reaction in words, then the text it
/// reacts to in quotes (Liked “Checking in. Reply OK if you are all right.”; Spanish Le gustó “...”; iOS 18 Reacted 👍
/// to “...”). A thumbs-up or a heart on "Reply OK if you are all right." is her yes; a thumbs-down her no. Other
/// reactions (Emphasized, Laughed at, Questioned) say neither, and are left to the menu.
/// </summary>
public static class CheckInReaction
{
    private static readonly string[] Yes = ["LIKED", "LOVED", "LE GUSTO", "LE ENCANTO", "ME GUSTA", "ME ENCANTA"];
    private static readonly string[] No = ["DISLIKED", "NO LE GUSTO", "NO ME GUSTA"];

    // Every text comes through here: one that opens with none of the reactions' first words is passed over before the
    // check-in text of each language is normalised to compare.
    private static readonly string[] FirstWords = ["LIKED ", "LOVED ", "DISLIKED ", "LE ", "ME ", "NO ", "REACTED ", "REACCIONO "];

    /// <summary>YesToCheckIn or NotSafe for a reaction to the check-in text of any language; else null.</summary>
    public static CheckInCommand? Read(string body, string normalized, Flow flow)
    {
        if (!OpensWithAReaction(normalized)) return null;
        foreach (var due in DueTexts.GetValue(flow, NormalizedDueTexts))
        {
            if (normalized.Length <= due.Length + 1 || normalized[^(due.Length + 1)] != ' ' || !normalized.EndsWith(due, StringComparison.Ordinal)) continue;
            var reaction = normalized[..^(due.Length + 1)];
            if (No.Contains(reaction)) return new CheckInCommand.NotSafe();
            if (Yes.Contains(reaction)) return new CheckInCommand.YesToCheckIn();
            // "Reacted 👍 to": the emoji is no letter, so it is read from the text as sent.
            if (reaction is not ("REACTED TO" or "REACCIONO A" or "REACCIONO CON A")) continue;
            if (AnswerEmoji.IsYes(EmojiOf(body))) return new CheckInCommand.YesToCheckIn();
            if (AnswerEmoji.IsNo(EmojiOf(body))) return new CheckInCommand.NotSafe();
        }
        return null;
    }

    private static bool OpensWithAReaction(string normalized)
    {
        foreach (var first in FirstWords)
        {
            if (normalized.StartsWith(first, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    // The check-in text of each language as a reaction quotes it, normalised once for each flow loaded.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Flow, string[]> DueTexts = new();

    private static string[] NormalizedDueTexts(Flow flow) => [.. flow.Languages.Values.Select(language => InputText.Normalize(language.Messages.CheckInDue))];

    /// <summary>What stands between the reaction's first word and the quote: "👍" in "Reacted 👍 to “...”".</summary>
    private static string EmojiOf(string body)
    {
        var quote = body.IndexOfAny(['“', '"', '«']);
        var words = (quote < 0 ? body : body[..quote]).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(words.Where(word => InputText.Normalize(word).Length == 0));
    }
}
