using WestmontTextLine.Handoff;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Transcripts;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Handoff;

/// <summary>
/// Plays every Transcripts/Handoff/*.txt: a texter asking for a person, through the real webhook, and what staff do
/// (@ shift, @ staff), each file on a line of its own with the fake Twilio API. The clock starts at 6:00 AM on a Thursday
/// in Chicago, before the staffed hours (Mon-Fri 09:00-17:00); "@ wait 4h" reaches them. A wait also runs the timers.
/// </summary>
public sealed class HandoffTranscriptTests
{
    private const string Texter = "+16305558401";
    public static string Folder => Path.Combine(RepoPaths.Transcripts, "Handoff");

    public static TheoryData<string> Files() => [.. Directory.GetFiles(Folder, "*.txt").Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Transcript_plays_as_written(string file)
    {
        var transcript = Transcript.Parse(file, await File.ReadAllTextAsync(Path.Combine(Folder, file)));
        var factory = new TextLineFactory();
        foreach (var setting in transcript.Steps.Select(s => s.Directive).OfType<string>().Where(d => d.StartsWith("setting ", StringComparison.Ordinal)))
        {
            var parts = setting.Split(' ', 3);
            factory.Settings[parts[1]] = parts[2];
        }
        await using var line = await HandoffLine.StartAsync(factory, inHours: false, onShift: false,
            takeMessages: factory.Settings.GetValueOrDefault("Handoff:TakeMessages") == "true");
        var phone = line.Phone(Texter);
        var outboundSeen = 0;

        foreach (var step in transcript.Steps)
        {
            var where = $"{file}:{step.Line}";
            if (step.Wait is { } wait) await line.AdvanceAsync(wait);
            else if (step.Directive is { } directive) await DoAsync(line, directive, where);
            else await TranscriptTexts.SendAndCheckAsync(phone, step, $"{where} > {step.Input}");

            if (step.Outbound.Count == 0) continue;
            await line.PassesAsync();
            var sent = line.SentTo(Texter).Skip(outboundSeen).ToList();
            outboundSeen += sent.Count;
            var all = string.Join("\n", sent);
            foreach (var expected in step.Outbound)
            {
                Assert.True(all.Contains(expected, StringComparison.Ordinal), $"{where}: expected her phone to get a text containing:\n  {expected}\nbut it got:\n{all}");
            }
        }
    }


    private static async Task DoAsync(HandoffLine line, string directive, string where)
    {
        var words = directive.Split(' ', 4);
        switch (words)
        {
            case ["setting", ..]:
                return;
            case ["shift", "on", var name]:
                await line.Shifts.GoOnAsync(name);
                return;
            case ["shift", "off", var name]:
                await line.Shifts.GoOffAsync(name);
                return;
            case ["staff", var name, "replies", var body]:
            {
                var id = (await line.OnlyOpenAsync()).Id;
                Assert.Equal(InboxOutcome.Done, await line.Inbox.ClaimAsync(id, name));
                Assert.Equal(InboxOutcome.Done, await line.Inbox.ReplyAsync(id, name, body));
                await line.PassesAsync();
                return;
            }
            case ["staff", var name, "closes"]:
            {
                var id = (await line.OnlyOpenAsync()).Id;
                Assert.Equal(InboxOutcome.Done, await line.Inbox.CloseAsync(id, name));
                await line.PassesAsync();
                return;
            }
            case ["staff", "sees", "no", "conversation"]:
                Assert.Empty(await line.Inbox.ListOpenAsync());
                return;
            case ["staff", "sees", "one", "conversation"]:
                await line.OnlyOpenAsync();
                return;
            default:
                Assert.Fail($"{where}: '@ {directive}' is not a step this runner knows (@ setting, @ shift on/off NAME, @ staff NAME replies TEXT, @ staff NAME closes, @ staff sees one/no conversation)");
                return;
        }
    }
}
