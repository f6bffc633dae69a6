using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Transcripts;

/// <summary>Plays every Transcripts/*.txt file through the real webhook, with signed requests and a fake clock.</summary>
public class TranscriptTests : IClassFixture<TextLineFactory>
{
    private readonly TextLineFactory _factory;

    public TranscriptTests(TextLineFactory factory) => _factory = factory;

    public static TheoryData<string> Files() =>
        [.. Directory.GetFiles(RepoPaths.Transcripts, "*.txt").Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Transcript_plays_as_written(string file)
    {
        var transcript = Transcript.Parse(file, await File.ReadAllTextAsync(Path.Combine(RepoPaths.Transcripts, file)));
        var twilio = _factory.CreateTwilioClient(TestNumbers.For(file)) /* each transcript is its own texter */;

        foreach (var step in transcript.Steps)
        {
            Assert.True(step.Directive is null && step.Outbound.Count == 0,
                $"{file}:{step.Line}: staff steps (@ shift, @ staff, <<) belong in Transcripts/Handoff");
            if (step.Wait is { } wait)
            {
                _factory.Clock.Advance(wait);
                continue;
            }
            var reply = await twilio.TextAsync(step.Input!);
            var where = $"{file}:{step.Line} > {step.Input}";
            if (step.Silent)
            {
                Assert.True(reply is null, $"{where}: expected silence, got:\n{reply}");
                continue;
            }
            Assert.True(reply is not null, $"{where}: expected a reply, got silence");
            var mismatch = ReplyExpectations.FirstMismatch(file, step, reply);
            Assert.True(mismatch is null, mismatch);
        }
    }

    [Fact]
    public void There_is_a_transcript_for_every_topic_of_the_main_menu()
    {
        var all = string.Concat(Directory.GetFiles(RepoPaths.Transcripts, "*.txt").Select(File.ReadAllText));
        foreach (var option in EngineHarness.Flow.Default.StartNode.Options)
        {
            Assert.Contains(EngineHarness.Flow.Default.Nodes[option].Label!, all);
        }
    }

}
