using WestmontTextLine.Flows;
using WestmontTextLine.Sessions;

namespace WestmontTextLine.Engine;

/// <summary>The working state of one text: the session so far, its language, and how replies are recorded.</summary>
/// <param name="optIn">The text is an explicit opt-in (<see cref="ConversationEngine.IsOptIn"/>): its reply records when.</param>
internal sealed class TextStep(ConversationEngine line, Session session, InboundText text, bool newConversation, bool optIn)
{
    public Session Session { get; private set; } = session;
    public LanguageFlow Language { get; private set; } = line.Flow.Language(session.Language);
    public bool NewConversation { get; } = newConversation;

    public void SwitchTo(string? language)
    {
        if (language is null || language == Session.Language) return;
        Session = Session with { Language = language };
        Language = line.Flow.Language(language);
    }

    public TextResult Reply(string? reply, Session next, KeywordAction keyword, string? nodeShown = null, bool notUnderstood = false) =>
        Reply(reply, next, next.Node, next.Choices, keyword, nodeShown, notUnderstood);

    /// <summary>The reply, with the session moved to a node: one copy of the session for the texts that walk the menu.</summary>
    private TextResult Reply(
        string? reply, Session current, string node, string? choices, KeywordAction keyword, string? nodeShown, bool notUnderstood = false,
        string? recentAnswers = null)
    {
        var saved = current with
        {
            Node = node,
            Choices = choices,
            RecentAnswers = recentAnswers ?? current.RecentAnswers,
            LastActivity = text.ReceivedAt,
            LastMessageSid = text.MessageSid,
            EarlierMessageSids = text.MessageSid is null ? Session.EarlierMessageSids : Session.EarlierMessageSidsAfterNewText(),
            LastReply = reply,
            Language = Session.Language,
            OptedInAt = optIn ? text.ReceivedAt : current.OptedInAt,
        };
        return new TextResult(saved, reply, new TextEvent(nodeShown, keyword, NewConversation, NotUnderstood: notUnderstood));
    }

    /// <summary>
    /// The welcome and the main menu: the same after a timeout as on a first text, so that nothing tells someone
    /// else holding her phone that it texted the line before.
    /// </summary>
    public TextResult Welcome()
    {
        var welcome = Reply(Language.WelcomeReply, Session, Language.Start, null, KeywordAction.None, Language.Start);
        return welcome with { Event = welcome.Event with { Welcomed = true } };
    }

    public TextResult OptIn(bool carrierConfirmed)
    {
        var reply = carrierConfirmed ? Language.StartNode.Reply : Language.StartReply;
        return Reply(reply, Session with { OptedOut = false, Node = Language.Start, Choices = null }, KeywordAction.Start, Language.Start);
    }

    public TextResult ShowNode(string node, KeywordAction keyword, string? prefix = null)
    {
        var shown = Language.Nodes[node];
        var reply = shown.Reply;
        if (prefix is not null) reply = prefix + "\n" + reply;
        // What she reads is remembered for staff, should she ask for a person; the talk node itself is not an answer.
        var recent = shown.IsMenu || node == Flow.TalkNode ? null : Session.RecentAnswersAfter(node);
        return Reply(reply, Session, node, null, keyword, node, recentAnswers: recent);
    }

    public TextResult Move(string trigger, KeywordAction keyword)
    {
        var machine = line.Machines.Rent();
        try
        {
            var (node, handled) = machine.Fire(Session.Node, trigger);
            if (!handled) return NotUnderstood();
            return ShowNode(node, keyword);
        }
        finally
        {
            line.Machines.Return(machine);
        }
    }

    public TextResult Jump(string target, KeywordAction keyword = KeywordAction.None)
    {
        var machine = line.Machines.Rent();
        try
        {
            return ShowNode(machine.Goto(Session.Node, target), keyword);
        }
        finally
        {
            line.Machines.Return(machine);
        }
    }

    public TextResult OfferChoices(List<string> nodes, string? prefix = null)
    {
        var lines = new List<string>();
        if (prefix is not null) lines.Add(prefix);
        lines.Add(Language.Messages.ChooseTopic);
        for (var i = 0; i < nodes.Count; i++) lines.Add($"{i + 1} {Language.Nodes[nodes[i]].Label}");
        lines.Add(Language.Messages.Footer);
        return Reply(string.Join('\n', lines), Session with { Choices = string.Join(' ', nodes) }, KeywordAction.None);
    }

    /// <summary>
    /// The line above a menu shown again for a text it could not use: "did not understand", or, for a picture or file
    /// (a picture alone has no words), that the line reads text only: "did not understand" again would not say why.
    /// </summary>
    public string NotUnderstoodLine => text.HasMedia ? Language.Messages.MediaNotRead : Language.Messages.NotUnderstood;

    /// <summary>
    /// "Take care", the menu and 911 for a text that thanks or closes: she stays where she was, and a digit after it
    /// picks from the menu she last saw.
    /// </summary>
    public TextResult Courtesy()
    {
        var reply = Reply(Language.Messages.Courtesy, Session with { Choices = null }, KeywordAction.None);
        return reply with { Event = reply.Event with { Courtesy = true } };
    }

    public TextResult NotUnderstood()
    {
        var node = Language.Nodes[Session.Node];
        // On an answer, the menu shown is the one above it, so the next digit must apply there.
        var shownAt = node.IsMenu || node.Parent is null ? node.Id : node.Parent;
        var reply = text.HasMedia ? node.MediaNotReadReply : node.NotUnderstoodReply;
        return Reply(reply, Session with { Node = shownAt, Choices = null }, KeywordAction.None, notUnderstood: true);
    }
}
