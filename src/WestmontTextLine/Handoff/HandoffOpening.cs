using WestmontTextLine.Outbound;
using WestmontTextLine.Logging;
using WestmontTextLine.Engine;
using WestmontTextLine.Flows;
using WestmontTextLine.Sessions;
using WestmontTextLine.Words;

namespace WestmontTextLine.Handoff;

/// <summary>
/// She asked for a person (TALK, the menu option, "can I talk to someone"): a conversation opens when someone is on
/// shift and the inbox has room, else the honest "no one now" (with the offer to take a message, if the line takes
/// them). Also the conversation a message she leaves opens.
/// </summary>
public sealed class HandoffOpening(
    ConversationEngine engine,
    HandoffConversations conversations,
    HandoffAvailability availability,
    HandoffTexts texts,
    WithdrawingAsks withdrawing,
    // The opening's log line keeps the category it always had, which a log filter may name.
    ILogger<HandoffService> logger)
{
    public const string AskedForAPerson = "Asked to talk to a person.";

    /// <summary>
    /// She asked for a person: the reply, its label, whether the inbox now waits on her (a conversation or a message), and
    /// the inbox's write that makes it so, run only once her session is saved.
    /// </summary>
    public async Task<(string Reply, string Label, bool Pending, Func<CancellationToken, Task>? OnceSaved)> StartAsync(
        string senderNumber, string senderKey, Session session, InboundText text, CancellationToken cancellationToken)
    {
        var chance = await availability.NowAsync(cancellationToken);
        // Staff answer by SMS from the line's number: not possible to a WhatsApp address, a short code or a sender's name.
        if (!PhoneNumberAddress.Is(senderNumber)) chance = new HandoffChance(false, null, false);
        var texter = await conversations.TexterAsync(senderKey, cancellationToken);
        var open = texter?.OpenId is { } id ? await conversations.LoadAsync(id, cancellationToken) : null;
        if (open is { IsOpen: false }) open = null;
        var answers = texts.AnswerTitles(session.RecentAnswerList);
        var now = text.ReceivedAt;
        if (open is null && (chance.Available || chance.CanTakeMessage) && await conversations.InboxFullAsync(cancellationToken))
        {
            chance = chance with { Available = false, CanTakeMessage = false };
        }
        if (chance.Available)
        {
            Func<CancellationToken, Task> opens = open is not null
                ? token => ContinueAsync(open, text, now, token)
                : token => OpenAsync(AskedConversation(NewConversation(senderNumber, senderKey, session.Language, HandoffMode.Live, answers, now), text, now), token);
            return (texts.In(session.Language).HandoffOpen, "handoff_open", true, opens);
        }
        Func<CancellationToken, Task>? awaits = chance.CanTakeMessage
            ? async token => await conversations.UpdateTexterAsync(senderKey, current => (current ?? new HandoffTexter()) with
            {
                AwaitingMessageUntil = now + conversations.Options.IdleClose,
                AnswersRead = answers,
            }, token)
            : null;
        return (texts.Unavailable(session.Language, chance.NextStart, chance.CanTakeMessage, chance.Today), "handoff_unavailable",
            chance.CanTakeMessage || open is not null, awaits);
    }

    /// <summary>Her text after the offer, with no conversation open: a message for the next shift, in a conversation that waits for staff.</summary>
    public async Task LeaveMessageAsync(string senderNumber, string senderKey, string language, InboundText text, CancellationToken cancellationToken)
    {
        var texter = await conversations.TexterAsync(senderKey, cancellationToken);
        var now = text.ReceivedAt;
        var conversation = NewConversation(senderNumber, senderKey, language, HandoffMode.Message, texter?.AnswersRead ?? [], now) with
        {
            WaitsUntil = availability.MessageWaitsUntil(now),
        };
        conversation = conversation.WithLine(now, "Left a message when no one could answer.");
        conversation = conversation.With(new HandoffMessage(conversation.NextNumber, now, InboxMessageFrom.Texter, text.Body, Sid: text.MessageSid));
        await OpenAsync(conversation, cancellationToken);
    }

    /// <summary>She asked again with a conversation open (a message she left, now that someone is on shift): it goes live.</summary>
    private async Task ContinueAsync(HandoffConversation open, InboundText text, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var updated = await conversations.UpdateAsync(open.Id, conversation =>
            conversation is not { IsOpen: true } || conversation.HasText(text.MessageSid)
                ? conversation
                : AskedConversation(conversation, text, now) with { Mode = HandoffMode.Live, LastActivityAt = now },
            cancellationToken);
        if (updated is { IsOpen: true }) await conversations.TimerAtLeastAsync(updated, cancellationToken);
        await conversations.PublishAsync(InboxEventKind.Message, open.Id, cancellationToken);
    }

    private async Task OpenAsync(HandoffConversation conversation, CancellationToken cancellationToken)
    {
        try
        {
            await conversations.OpenAsync(conversation, cancellationToken);
        }
        catch (Exception)
        {
            // She gets the fallback: what the store did of the opening, now or when it answers again, is undone.
            UnopenedConversations.WithdrawOnceStorageAnswers(conversations, withdrawing, conversation, logger);
            throw;
        }
        HandoffLog.Opened(logger, LogTag.Of(conversation.TexterKey), conversation.Id, conversation.Mode);
    }

    /// <summary>The line "asked to talk to a person", and her own words when she wrote more than a keyword or a digit.</summary>
    private HandoffConversation AskedConversation(HandoffConversation conversation, InboundText text, DateTimeOffset now)
    {
        var asked = conversation.WithLine(now, AskedForAPerson);
        var normalized = InputText.Normalize(text.Body);
        var ownWords = engine.Flow.Keywords.MatchWhole(normalized).Action == KeywordAction.None && Triggers.OptionNumber(normalized) == 0;
        asked = ownWords
            ? asked.With(new HandoffMessage(asked.NextNumber, now, InboxMessageFrom.Texter, text.Body, Sid: text.MessageSid))
            : asked with { Messages = [.. asked.Messages.Take(asked.Messages.Count - 1), asked.Messages[^1] with { Sid = text.MessageSid }] };
        return asked with { WaitingSince = asked.WaitingSince ?? now };
    }

    private static HandoffConversation NewConversation(
        string senderNumber, string senderKey, string language, HandoffMode mode, IReadOnlyList<string> answers, DateTimeOffset now) => new()
    {
        Id = HandoffConversations.NewId(),
        TexterKey = senderKey,
        TexterNumber = senderNumber,
        Language = language,
        Mode = mode,
        State = InboxConversationState.Open,
        OpenedAt = now,
        LastActivityAt = now,
        WaitingSince = now,
        AnswersRead = answers,
    };
}
