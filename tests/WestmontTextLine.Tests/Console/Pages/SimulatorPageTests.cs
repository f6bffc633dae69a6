using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Console.Simulator;
using WestmontTextLine.Handoff;
using WestmontTextLine.Tests.Console.Inbox;
using WestmontTextLine.Tests.Outbound;
using WestmontTextLine.Tests.Web;
using WestmontTextLine.Usage;

namespace WestmontTextLine.Tests.Console.Pages;

/// <summary>The Simulator page through the real page on the test server, as a browser without script uses it.</summary>
public sealed partial class SimulatorPageTests
{
    [Fact]
    public async Task A_reply_shown_again_after_a_reload_has_no_blank_line_or_indent_before_it()
    {
        using var factory = new TextLineFactory();
        using var alice = await factory.SignedInAsync("alice");
        using var sent = await alice.PostFormAsync("/Simulator", [new("Body", "hi")], handler: "Text");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var page = await alice.GetPageAsync("/Simulator");
        var bubbles = BubblePattern().Matches(page).Select(m => m.Value).ToList();
        Assert.Equal(2, bubbles.Count);
        // The bubbles keep the reply's own line breaks (white-space: pre-wrap): any space between their tags showed
        // as an indented first line and blank lines in the reloaded page.
        foreach (var bubble in bubbles) Assert.DoesNotMatch(@">\s+<", bubble);
        Assert.Contains("Main menu", WebUtility.HtmlDecode(bubbles[1]));
    }

    [Fact]
    public async Task The_language_buttons_send_each_language_s_own_word_as_the_flow_files_list_it_first()
    {
        using var factory = new TextLineFactory();
        using var alice = await factory.SignedInAsync("alice");

        var page = await alice.GetPageAsync("/Simulator");
        var words = LanguageButtonPattern().Matches(page).Select(m => WebUtility.HtmlDecode(m.Groups["word"].Value)).ToList();
        // The Spanish button once read "es: NO ENTIENDO INGLES", the longest of Spanish's language words, and sent it.
        Assert.Equal(["ENGLISH", "ESPANOL"], words);
    }

    [Theory]
    [InlineData("hi", "CHECK 45", "OK", "CODEWORD luna", "BUDDY OFF", "BUDDY", "TALK", "are you there?", "MENU", "3")]
    [InlineData("HOLA", "CHECK 2h", "OK", "HABLAR", "hola?", "MENU", "1")]
    [InlineData("hi", "8", "I need a clinic", "0", "8")]
    public async Task The_simulator_answers_each_text_as_the_line_answers_a_signed_text_and_leaves_no_trace(params string[] texts)
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        await alice.GoOnShiftAsync();

        foreach (var text in texts)
        {
            using var sent = await alice.PostFormAsync("/Simulator", [new("Body", text)], handler: "Text");
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }
        var page = await alice.GetPageAsync("/Simulator");
        var simulated = ShownPattern().Matches(page).Select(m => m.Groups["silent"].Success ? null : WebUtility.HtmlDecode(m.Groups["text"].Value)).ToList();
        // Nothing of it reached the line: no conversation in the inbox, no count, no text to the provider.
        Assert.Empty(await factory.Services.GetRequiredService<IHandoffInbox>().ListOpenAsync());
        Assert.Empty(await factory.Services.GetRequiredService<IUsageCounter>().ReadAsync(DateOnly.MinValue, DateOnly.MaxValue));
        await factory.SendOutboxAsync();
        Assert.Empty(fake.Messages);

        var texter = factory.CreateTwilioClient("+16305550197");
        var line = new List<string?>();
        foreach (var text in texts) line.Add(await texter.TextAsync(text));
        Assert.Equal(texts.Length, simulated.Count);
        for (var i = 0; i < texts.Length; i++) Assert.True(line[i] == simulated[i], $"'{texts[i]}': the line answered \"{line[i]}\", the simulator \"{simulated[i]}\"");
    }

    [Fact]
    public async Task A_text_the_line_does_not_answer_says_why_in_a_chat_and_after_stop()
    {
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var factory = new TextLineFactory().Staffed(fake);
        using var alice = await factory.SignedInAsync("alice");
        await alice.GoOnShiftAsync();

        foreach (var text in new[] { "hi", "8", "hello?", "MENU", "STOP", "hi" })
        {
            using var sent = await alice.PostFormAsync("/Simulator", [new("Body", text)], handler: "Text");
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        // A bare "(no reply)" after TALK left a volunteer wondering whether her text had reached a colleague's inbox.
        var silences = SilencePattern().Matches(await alice.GetPageAsync("/Simulator")).Select(m => WebUtility.HtmlDecode(m.Groups["why"].Value)).ToList();
        Assert.Equal([SimulatorSilence.InChat, SimulatorSilence.OptedOut], silences);
    }

    [GeneratedRegex("""<li class="silent">(?<why>[^<]*)</li>""")]
    private static partial Regex SilencePattern();

    [GeneratedRegex("""<li class="(?:received)"><span class="visually-hidden">The line replied: </span><span class="text">(?<text>.*?)</span>|<li class="(?<silent>silent)">""", RegexOptions.Singleline)]
    private static partial Regex ShownPattern();

    [GeneratedRegex("""class="send-word" data-word="(?<word>[^"]*)">""")]
    private static partial Regex LanguageButtonPattern();

    [GeneratedRegex("""<li class="(?:sent|received)">.*?</li>""", RegexOptions.Singleline)]
    private static partial Regex BubblePattern();
}
