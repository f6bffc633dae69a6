using WestmontTextLine.Engine;
using WestmontTextLine.Flows;
using WestmontTextLine.Sessions;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Engine;

/// <summary>
/// A text read once (<see cref="ConversationEngine.Read"/>) for the rate limit's question, the check-in's and the answer:
/// the emergency and distress checks run at the first question that needs them and their verdict is kept, and the
/// answer is the one the text alone gets.
/// </summary>
public class TextReadingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string> Texts() => new()
    {
        { "en", "help me" },                          // an emergency word
        { "en", "PELIGRO" },                          // another language's emergency word
        { "en", "he is hurting me please help" },     // distress in her own words
        { "en", "tengo mucho miedo" },                // distress in the other language's words: the reply switches
        { "es", "he took my phone" },                 // English distress in a Spanish conversation
        { "en", "im not in danger, just asking about testing" }, // masked: no emergency
        { "en", "where can I get tested for hiv" },   // a question that is not distress
        { "en", "3" },
        { "en", "BACK" },
        { "en", "what is this" },
        { "en", "STOP" },
        { "en", "HELP" },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void A_text_read_once_and_asked_about_first_gets_the_answer_the_text_alone_gets(string language, string body)
    {
        var line = new ConversationEngine(EngineHarness.Flow);
        var session = new Session("health", language, Now.AddMinutes(-1), LastMessageSid: "SM0", Version: 3);
        var text = new InboundText(body, "SM1", Now);

        var reading = line.Read(text);
        var mustBeAnswered = line.MustBeAnswered(reading);
        var answersFirst = line.AnswersFirst(session, reading);
        var read = line.Handle(session, reading);
        var alone = line.Handle(session, text);

        Assert.Equal(alone.Reply, read.Reply);
        Assert.Equal(alone.Event, read.Event);
        Assert.Equal(alone.Session, read.Session);
        var urgent = alone.Event.Keyword == KeywordAction.Emergency;
        Assert.Equal(urgent || body is "STOP" or "HELP", mustBeAnswered);
        Assert.Equal(urgent || body is "STOP", answersFirst);
    }

    [Fact]
    public void The_answer_takes_the_verdict_a_question_before_it_read()
    {
        var line = new ConversationEngine(EngineHarness.Flow);
        var session = new Session("health", "en", Now.AddMinutes(-1), LastMessageSid: "SM0", Version: 3);
        var reading = line.Read(new InboundText("help me", "SM1", Now));
        Assert.True(line.MustBeAnswered(reading));

        Assert.Equal(KeywordAction.Emergency, line.Handle(session, reading).Event.Keyword);
        // The checks are not run again: a verdict of "not urgent" (never set so for these words, but what a reading
        // that found nothing holds) is taken as it stands.
        reading.UrgentInAnyLanguage = false;
        Assert.NotEqual(KeywordAction.Emergency, line.Handle(session, reading).Event.Keyword);
    }
}
