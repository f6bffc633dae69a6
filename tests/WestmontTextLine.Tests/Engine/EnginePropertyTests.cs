using CsCheck;
using WestmontTextLine.Engine;
using WestmontTextLine.Flows;
using WestmontTextLine.Sessions;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Words;

namespace WestmontTextLine.Tests.Engine;

/// <summary>Random bodies and random sequences of texts: the engine's invariants hold for all of them.</summary>
public class EnginePropertyTests
{
    private static readonly Flow Flow = EngineHarness.Flow;

    private static readonly string[] Meaningful =
    [
        "1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "menu", "BACK", "help", "info", "ayuda", "stop", "STOP PLEASE",
        "start", "yes", "forget", "borrar", "espanol", "english", "hola", "danger", "I'm in danger", "911", "clinic",
        "hiv", "lawyer", "shelter", "vih", "  Menu  ", "", "\U0001F600", "<x>&", "\0",
    ];

    private static readonly Gen<string> Body = Gen.OneOf(
        Gen.Int[0, Meaningful.Length - 1].Select(i => Meaningful[i]),
        Gen.String,
        Gen.String[Gen.Char[(char)0, (char)0x2FFF], 0, 200]);

    private static readonly Gen<(string Body, int MinutesLater, bool Retry)[]> Conversation =
        Gen.Select(Body, Gen.Int[0, 45], Gen.Bool).Array[1, 25];

    [Fact]
    public void Every_text_gets_a_gsm7_reply_within_three_segments_or_a_deliberate_silence_and_a_valid_state()
    {
        var line = new ConversationEngine(Flow);
        Conversation.Sample(texts =>
        {
            Session? session = null;
            var now = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
            var sid = 0;
            foreach (var (body, minutesLater, retry) in texts)
            {
                now = now.AddMinutes(minutesLater);
                var messageSid = retry && sid > 0 ? $"SM{sid}" : $"SM{++sid}";
                var wasOptedOut = session?.OptedOut == true;
                var result = line.Handle(session, new InboundText(body, messageSid, now));

                if (result.Reply is null)
                {
                    Assert.True(wasOptedOut || result.Session?.OptedOut == true || result.Event.Duplicate,
                        $"silence without an opt-out for '{body}'");
                }
                else
                {
                    Assert.True(SmsText.IsGsm7(result.Reply), $"not GSM-7 after '{body}'");
                    Assert.True(SmsText.Segments(result.Reply) <= SmsText.MaxSegments, $"too long after '{body}'");
                }
                if (result.Session is { } next)
                {
                    Assert.True(Flow.Languages.ContainsKey(next.Language));
                    Assert.True(Flow.Language(next.Language).Nodes.ContainsKey(next.Node), $"unknown node {next.Node}");
                    Assert.All(next.ChoiceList, choice => Assert.True(Flow.Default.Nodes.ContainsKey(choice)));
                    session = next with { Version = next.Version + 1 };
                }
                else session = null;
            }
        }, iter: 300);
    }

    [Fact]
    public void Normalizing_any_text_gives_only_capital_letters_digits_and_single_spaces()
    {
        Gen.String.Sample(text =>
        {
            var normalized = InputText.Normalize(text);
            Assert.All(normalized, c => Assert.True(c is >= 'A' and <= 'Z' or >= '0' and <= '9' or ' '));
            Assert.DoesNotContain("  ", normalized);
            Assert.Equal(normalized.Trim(), normalized);
        }, iter: 2000);
    }
}
