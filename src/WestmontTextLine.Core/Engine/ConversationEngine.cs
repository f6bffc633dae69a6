using WestmontTextLine.Flows;
using WestmontTextLine.Sessions;
using WestmontTextLine.Words;

namespace WestmontTextLine.Engine;

/// <summary>
/// The engine: one text and the sender's session in, the new session and the reply out. No HTTP, no Twilio,
/// no storage, no clock of its own. Keywords are looked at first, in order of how much they matter to the texter's
/// safety and rights (opt-out, emergency), then the menu machine moves on digits and navigation words.
/// </summary>
public sealed class ConversationEngine
{
    private readonly Flow _flow;
    private readonly TimeSpan _sessionTimeout;
    private readonly bool _deletesAtProvider;
    private readonly MenuMachinePool _machines;
    private readonly LanguageFlow[] _languages;

    /// <summary>After this much silence the next text starts again at the main menu, unless the host says otherwise.</summary>
    public static readonly TimeSpan DefaultSessionTimeout = TimeSpan.FromMinutes(30);

    /// <param name="deletesAtProvider">The host deletes each text at the provider: FORGET's confirmation says so.</param>
    public ConversationEngine(Flow flow, TimeSpan? sessionTimeout = null, bool deletesAtProvider = false)
    {
        _flow = flow;
        _sessionTimeout = sessionTimeout ?? DefaultSessionTimeout;
        _deletesAtProvider = deletesAtProvider;
        _machines = new MenuMachinePool(flow.Default);
        _languages = [.. flow.Languages.Values];
    }

    public Flow Flow => _flow;

    internal MenuMachinePool Machines => _machines;

    /// <summary>True when a text received then starts a conversation: her first, or the first after the session timeout.</summary>
    public bool StartsConversation(Session? session, DateTimeOffset receivedAt) =>
        session is null || receivedAt - session.LastActivity > _sessionTimeout;

    /// <summary>The text read once for every question the host asks about it (<see cref="TextReading"/>).</summary>
    public TextReading Read(InboundText text) => new(text);

    public TextResult Handle(Session? session, InboundText text) => Handle(session, text, InputText.Normalize(text.Body), reading: null);

    /// <summary>The answer to a text already read: the emergency and distress checks a question before ran are not run again.</summary>
    public TextResult Handle(Session? session, TextReading reading) => Handle(session, reading.Text, reading.Normalized, reading);

    private TextResult Handle(Session? session, InboundText text, string normalized, TextReading? reading)
    {
        if (session is not null && text.MessageSid is not null && session.HasAnswered(text.MessageSid))
        {
            // A Twilio retry of the last text gets its reply again; a replay of an older one gets nothing. Neither
            // moves the menu, opts in or out, or changes anything else.
            var again = session.LastMessageSid == text.MessageSid ? session.LastReply : null;
            return new TextResult(session, again, new TextEvent(null, KeywordAction.None, false, Duplicate: true));
        }

        var startsConversation = StartsConversation(session, text.ReceivedAt);
        var expired = session is not null && startsConversation;
        var current = session ?? NewSession(normalized, text.ReceivedAt);
        // After a long silence the old menu is stale: a digit must not be applied to it.
        if (expired) current = current with { Node = _flow.Default.Start, Choices = null, RecentAnswers = null };
        var carrier = CarrierKeyword(text.CarrierOptOut);
        var whole = _flow.Keywords.MatchWhole(normalized);
        var step = new TextStep(this, current, text, startsConversation, optIn: carrier == KeywordAction.Start || whole.Action == KeywordAction.Start);

        // "perdon NO HABLO INGLES" asks for Spanish as the phrase alone does.
        if (whole.Action == KeywordAction.None && _flow.Keywords.LanguagePhraseIn(normalized) is { } asked)
            whole = new KeywordMatch(KeywordAction.Language, asked);

        if (carrier == KeywordAction.Stop || whole.Action == KeywordAction.Stop)
        {
            // GUIDE: one confirmation, then silence. A second STOP is already honoured; a second confirmation is a text
            // the texter did not ask for, on a phone someone else may be reading.
            if (current.OptedOut) return step.Reply(null, current, KeywordAction.None);
            // Twilio's Advanced Opt-Out has already confirmed; a second confirmation would be one text too many.
            var reply = carrier == KeywordAction.Stop ? null : step.Language.Messages.StopConfirm;
            return step.Reply(reply, current with { OptedOut = true, Choices = null }, KeywordAction.Stop);
        }
        if (current.OptedOut)
        {
            if (carrier == KeywordAction.Start || whole.Action == KeywordAction.Start) return step.OptIn(carrier != KeywordAction.None);
            return step.Reply(null, current, KeywordAction.None);
        }
        if (carrier == KeywordAction.Help) return step.Reply(null, current, KeywordAction.Help);

        // A text read before and found not urgent in any language skips the checks (most texts, on the host's path).
        if (reading is null || IsUrgentInAnyLanguage(reading))
        {
            var urgentWords = UrgentWords(normalized);
            if (_flow.Keywords.ContainsEmergency(urgentWords))
            {
                // A conversation in the default language may be in it only by default: "PELIGRO" gets the Spanish reply, as
                // Spanish distress does. One in another language was chosen: "help me" in it keeps it.
                if (step.Session.Language == Flow.DefaultLanguage) step.SwitchTo(_flow.Keywords.EmergencyLanguage(urgentWords));
                return step.Reply(step.Language.Messages.Emergency, step.Session, KeywordAction.Emergency);
            }
            if (IsDistress(urgentWords, step))
            {
                return step.Reply(step.Language.Messages.Emergency, step.Session, KeywordAction.Emergency);
            }
        }

        if (whole.Action != KeywordAction.None)
        {
            // Only a language keyword changes the language of a conversation under way ("help" in a Spanish
            // conversation is still answered in Spanish); a first text's language was read when it started.
            if (whole.Action == KeywordAction.Language) step.SwitchTo(whole.Language);
            switch (whole.Action)
            {
                case KeywordAction.Help:
                    return step.Reply(step.Language.Messages.Help, step.Session, KeywordAction.Help);
                case KeywordAction.Forget:
                    var forgotten = _deletesAtProvider ? step.Language.Messages.ForgetConfirm : step.Language.Messages.ForgetConfirmNoProviderDeletion;
                    return new TextResult(null, forgotten,
                        new TextEvent(null, KeywordAction.Forget, step.NewConversation));
                case KeywordAction.Language:
                    return step.ShowNode(step.Session.Node, KeywordAction.Language, step.Language.Messages.LanguageSet);
                // A first text of MENU, START or HI still owes the texter the welcome and its STOP/HELP notice.
                case KeywordAction.Menu or KeywordAction.Start or KeywordAction.Hello when step.NewConversation:
                    return step.Welcome();
                // START (or YES) from a texter who never opted out is the menu, and counted as one: the stats' START
                // is a way back after STOP.
                case KeywordAction.Menu or KeywordAction.Start or KeywordAction.Hello:
                    return step.Move(Triggers.Menu, whole.Action == KeywordAction.Start ? KeywordAction.Menu : whole.Action);
                case KeywordAction.Back when !step.NewConversation:
                    return step.Move(Triggers.Back, KeywordAction.Back);
                // The host answers for the talk node: whether someone is there is not the engine's to know.
                case KeywordAction.Talk when _flow.HasTalkNode:
                    return step.Jump(Flow.TalkNode, KeywordAction.Talk);
            }
        }

        var topics = TopicSearch.Find(_flow, normalized, step);
        if (topics.Count == 0 && step.NewConversation) return step.Welcome();
        if (topics.Count == 1) return step.Jump(topics[0]);
        if (topics.Count > 1) return step.OfferChoices(topics);

        var option = Triggers.OptionNumber(normalized);
        var choices = current.ChoiceList;
        if (option > 0 && option <= choices.Length) return step.Jump(choices[option - 1]);
        if (IsCourtesy(normalized, whole.Action, lookingAtChoices: choices.Length > 0)) return step.Courtesy();
        // The texter is looking at the "did you mean" list, not at the menu behind it.
        if (choices.Length > 0) return step.OfferChoices([.. choices], step.NotUnderstoodLine);
        if (option > 0) return step.Move(Triggers.Option(option), KeywordAction.None);
        return step.NotUnderstood();
    }

    /// <summary>
    /// True when the engine must answer this text before anything else the host does with it: a retry of a text
    /// already answered, an opt-out (typed or from the carrier), anything from a number that opted out, an emergency
    /// or distress. Other texts may first be a feature's (the check-in's words).
    /// </summary>
    public bool AnswersFirst(Session? session, TextReading reading)
    {
        var text = reading.Text;
        if (session is not null && text.MessageSid is not null && session.HasAnswered(text.MessageSid)) return true;
        if (session?.OptedOut == true || CarrierKeyword(text.CarrierOptOut) != KeywordAction.None) return true;
        if (_flow.Keywords.MatchWhole(reading.Normalized).Action is KeywordAction.Stop or KeywordAction.Forget) return true;
        return IsUrgentInAnyLanguage(reading);
    }

    /// <summary>
    /// A reply given outside the menu (a feature's), recorded as any reply is: the text counts as answered (a retry
    /// gets the same reply) and the texter stays where she was in the menu.
    /// </summary>
    public TextResult Record(Session? session, InboundText text, string? reply, KeywordAction keyword)
    {
        var current = session ?? NewSession(InputText.Normalize(text.Body), text.ReceivedAt);
        // A feature's answer is no opt-in, whatever its words: a YES to her check-in text says she is safe, not START.
        var step = new TextStep(this, current, text, session is null, optIn: false);
        return step.Reply(reply, step.Session, keyword);
    }

    /// <summary>
    /// The safety fallback for a text the host could not run (its storage failed): 911, the hotline and "text again
    /// later", in the language of the text's own words when known.
    /// </summary>
    public string FallbackFor(string body)
    {
        string? language = null;
        try
        {
            language = LanguageOfText(InputText.Normalize(body));
        }
        catch (Exception)
        {
            // Even out of memory, the texter gets the numbers: in the default language.
        }
        return _flow.Language(language).Messages.Fallback;
    }

    /// <summary>
    /// STOP's confirmation for a text the host could not run, in the language of the text's own words when known (as
    /// <see cref="FallbackFor"/>): it carries 911 and the hotline too.
    /// </summary>
    public string StopConfirmFor(string body) => _flow.Language(LanguageOfWords(body)).Messages.StopConfirm;

    /// <summary>The language the text's own words are in, when they say ("PARAR" is Spanish); null when they do not.</summary>
    public string? LanguageOfWords(string body) => LanguageOfText(InputText.Normalize(body));

    /// <summary>An opt-in: a START word on its own, or Twilio's note that the carrier took one.</summary>
    public bool IsOptIn(string body, string? carrierOptOut) =>
        CarrierKeyword(carrierOptOut) == KeywordAction.Start || _flow.Keywords.MatchWhole(InputText.Normalize(body)).Action == KeywordAction.Start;

    /// <summary>Twilio's Advanced Opt-Out took her STOP and confirmed it itself.</summary>
    public bool IsOptOutAtCarrier(string? carrierOptOut) => CarrierKeyword(carrierOptOut) == KeywordAction.Stop;

    /// <summary>An opt-out: a STOP word on its own, or Twilio's note that the carrier took one.</summary>
    public bool IsOptOut(string body, string? carrierOptOut) =>
        CarrierKeyword(carrierOptOut) == KeywordAction.Stop || _flow.Keywords.MatchWhole(InputText.Normalize(body)).Action == KeywordAction.Stop;

    /// <summary>
    /// True for a text that no rate limit may silence: an emergency, an opt-out, an opt-in or HELP, typed or
    /// reported by the carrier.
    /// </summary>
    public bool MustBeAnswered(TextReading reading)
    {
        if (CarrierKeyword(reading.Text.CarrierOptOut) != KeywordAction.None) return true;
        return _flow.Keywords.MatchWhole(reading.Normalized).Action is KeywordAction.Stop or KeywordAction.Start or KeywordAction.Help
            || IsUrgentInAnyLanguage(reading);
    }

    /// <summary>
    /// An emergency word or distress in any language, once the phrases saying nobody is in danger are masked: read at
    /// the first question that needs it, then kept with the reading.
    /// </summary>
    private bool IsUrgentInAnyLanguage(TextReading reading) =>
        reading.UrgentInAnyLanguage ??= IsUrgentInAnyLanguage(reading.Normalized);

    private bool IsUrgentInAnyLanguage(string normalized)
    {
        var urgentWords = UrgentWords(normalized);
        return _flow.Keywords.ContainsEmergency(urgentWords) || _languages.Any(language => language.Distress.Match(urgentWords) is not null);
    }

    /// <summary>
    /// The words the emergency and distress checks read: stretched letters read once ("help meee"), then the phrases
    /// saying nobody is in danger masked ("not in dangerrr").
    /// </summary>
    private string UrgentWords(string normalized) => _flow.NotDistress.Masked(InputText.Unstretched(normalized));

    /// <summary>
    /// Distress in the texter's own words ("he is hurting me", "tengo miedo"), in the session's language first; words
    /// of another language switch the conversation to it, as topic words do, so the emergency reply is in her words.
    /// </summary>
    private bool IsDistress(string normalized, TextStep step)
    {
        if (step.Language.Distress.Match(normalized) is not null) return true;
        foreach (var other in _languages)
        {
            if (other == step.Language || other.Distress.Match(normalized) is null) continue;
            step.SwitchTo(other.Language);
            return true;
        }
        return false;
    }

    /// <summary>
    /// A text that thanks or closes ("thanks", "bye"), or OK and the other safe: words with no check-in running (the host
    /// passed them on): "did not understand" to "thanks" is cold. A one-thumb yes ("k", "yeah") is her "got it", but not
    /// while a "did you mean" list waits for a pick.
    /// </summary>
    private bool IsCourtesy(string normalized, KeywordAction keyword, bool lookingAtChoices) =>
        keyword == KeywordAction.Safe || keyword == KeywordAction.CheckInYes && !lookingAtChoices || _flow.Courtesy.IsWhole(normalized);

    private Session NewSession(string normalized, DateTimeOffset now) =>
        new(_flow.Default.Start, LanguageOfText(normalized) ?? Flow.DefaultLanguage, now);

    // A keyword that is the whole text, or a language it asks for, says it best; then the language most of its common
    // words are in; then its first word that is one language's keyword.
    private string? LanguageOfText(string normalized) =>
        _flow.Keywords.LanguageAskedFor(normalized) ?? _flow.CommonWords.LanguageOf(normalized) ?? _flow.Keywords.LanguageOfFirstOwnWord(normalized);

    private static KeywordAction CarrierKeyword(string? optOutType) => optOutType?.Trim().ToUpperInvariant() switch
    {
        "STOP" => KeywordAction.Stop,
        "START" => KeywordAction.Start,
        "HELP" => KeywordAction.Help,
        _ => KeywordAction.None,
    };
}
