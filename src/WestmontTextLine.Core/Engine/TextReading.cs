using WestmontTextLine.Words;

namespace WestmontTextLine.Engine;

/// <summary>
/// One text as the engine has read it, kept for every question the host asks the engine about that text: whether no
/// rate limit may silence it, whether the engine answers it before the check-in's words, and its answer. Its words are
/// normalised once, and the emergency and distress checks in every language run once (at the first question that
/// needs them), where each question once ran them again. Made by <see cref="ConversationEngine.Read"/>.
/// </summary>
public sealed class TextReading
{
    internal TextReading(InboundText text)
    {
        Text = text;
        Normalized = InputText.Normalize(text.Body);
    }

    public InboundText Text { get; }

    internal string Normalized { get; }

    /// <summary>An emergency word or distress in any language, once read; null until a question needed it.</summary>
    internal bool? UrgentInAnyLanguage { get; set; }
}
