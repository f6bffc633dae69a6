using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Transcripts;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// Plays every Transcripts/Contact/*.txt: a texter and her safety contact, each a phone of their own, through the real
/// webhook with the fake Twilio API. <c>@ as contact</c>, <c>@ as texter</c> and <c>@ as other texter</c> say whose
/// phone the next lines are; <c>&lt;&lt;</c> lines are texts that phone got (not replies) since its last such check. The
/// texter is 630-555-8501, her contact 630-555-8502, another texter 630-555-8503. A wait also runs the timers.
/// <c>@ carrier refuses contact 21610</c>: from then on the provider refuses every text to that phone with that code
/// (a number that changed hands and whose new owner stopped the line's texts at the carrier, say).
/// </summary>
public sealed class ContactTranscriptTests
{
    private static readonly Dictionary<string, string> Phones = new()
    {
        ["texter"] = "+16305558501",
        ["contact"] = "+16305558502",
        ["other texter"] = "+16305558503",
    };

    public static string Folder => Path.Combine(RepoPaths.Transcripts, "Contact");

    public static TheoryData<string> Files() => [.. Directory.GetFiles(Folder, "*.txt").Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Transcript_plays_as_written(string file)
    {
        var transcript = Transcript.Parse(file, await File.ReadAllTextAsync(Path.Combine(Folder, file)));
        await using var line = await CheckInLine.StartAsync();
        var number = Phones["texter"];
        var seen = Phones.Values.ToDictionary(phone => phone, _ => 0);

        foreach (var step in transcript.Steps)
        {
            var where = $"{file}:{step.Line}";
            if (step.Wait is { } wait) await line.AdvanceAsync(wait);
            else if (step.Directive is { } directive && Refusal(directive) is var (refused, code)) line.Fake.RefuseSendsTo(refused, code);
            else if (step.Directive is { } directive2) number = PhoneOf(directive2, where);
            else await TranscriptTexts.SendAndCheckAsync(line.Phone(number), step, $"{where} > {step.Input}");

            if (step.Outbound.Count == 0) continue;
            await line.PassesAsync();
            var sent = line.SentTo(number).Skip(seen[number]).ToList();
            seen[number] += sent.Count;
            var all = string.Join("\n", sent);
            foreach (var expected in step.Outbound)
            {
                Assert.True(all.Contains(expected, StringComparison.Ordinal),
                    $"{where}: expected the {Phones.First(p => p.Value == number).Key}'s phone to get a text containing:\n  {expected}\nbut it got:\n{all}");
            }
        }
    }

    /// <summary>"carrier refuses contact 21610": the phone and the code, or null for another directive.</summary>
    private static (string Phone, int Code)? Refusal(string directive)
    {
        const string prefix = "carrier refuses ";
        if (!directive.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var cut = directive.LastIndexOf(' ');
        return Phones.TryGetValue(directive[prefix.Length..cut], out var phone) && int.TryParse(directive[(cut + 1)..], out var code)
            ? (phone, code)
            : null;
    }

    private static string PhoneOf(string directive, string where) =>
        directive.StartsWith("as ", StringComparison.Ordinal) && Phones.TryGetValue(directive[3..], out var number)
            ? number
            : throw new Xunit.Sdk.XunitException($"{where}: '@ {directive}' is not a step this runner knows (@ as texter, @ as contact, @ as other texter, @ carrier refuses contact CODE, @ wait)");
}
