using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Usage;
using WestmontTextLine.Words;

namespace WestmontTextLine.Tests.Engine;

/// <summary>
/// A whole text that thanks or closes ("thanks", "bye", "got it", "gracias", "adios") got "Sorry, I did not understand
/// that." (and in Spanish, "gracias" the whole main menu again): it gets "Take care", the menu and 911. A first text
/// still gets the welcome, and words around it make it a question.
/// </summary>
public sealed class CourtesyTests
{
    private readonly EngineHarness _line = new();

    public static TheoryData<string> EveryCourtesyPhrase()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Flows, "*.yaml").Where(f => !f.EndsWith("referrals.yaml", StringComparison.Ordinal)))
        {
            foreach (var phrase in FlowDocumentReader.ReadLanguage(File.ReadAllText(file))!.Courtesy) data.Add(phrase);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCourtesyPhrase))]
    public void Every_courtesy_phrase_in_the_flow_files_gets_the_courtesy_answer_mid_conversation(string phrase)
    {
        _line.Text("hi");
        _line.Text("3");

        Assert.Equal(_line.English.Messages.Courtesy, _line.Text(phrase));
        Assert.True(_line.Last!.Event.Courtesy);
        Assert.Equal("courtesy", DeliveryMetrics.LabelOf(_line.Last.Event));
    }

    [Theory]
    [InlineData("thanks")]
    [InlineData("Thank you!!")]
    [InlineData("thanksss")]
    [InlineData("byeeee")]
    [InlineData("ok")]
    [InlineData("I'm fine")]
    [InlineData("k")]
    [InlineData("yeah")]
    [InlineData("ok ty")]
    [InlineData("kk thanks bye")]
    [InlineData("Ok cool, thanks!")]
    [InlineData("si gracias")]
    public void Thanks_ok_or_bye_mid_conversation_is_answered_with_care_not_did_not_understand(string text)
    {
        _line.Text("hi");
        _line.Text("3");

        var reply = _line.Text(text);

        Assert.Equal(_line.English.Messages.Courtesy, reply);
        Assert.Contains("911", reply);
        Assert.Contains("0 for the menu", reply);
    }

    [Fact]
    public void A_digit_after_it_picks_from_the_menu_she_last_saw()
    {
        _line.Text("hi");
        _line.Text("3");
        _line.Text("thanks");

        Assert.Equal("health_testing", (_line.Text("1"), _line.Session!.Node).Node);
    }

    [Fact]
    public void A_first_text_of_thanks_gets_the_welcome()
    {
        Assert.Equal(_line.English.WelcomeReply, _line.Text("thanks"));
    }

    [Fact]
    public void Thanks_with_a_question_is_the_question()
    {
        _line.Text("hi");

        Assert.Equal("health_testing", (_line.Text("thanks, where can i get tested"), _line.Session!.Node).Node);
    }

    [Fact]
    public void A_one_thumb_yes_while_a_did_you_mean_list_waits_shows_the_list_again()
    {
        _line.Text("hi");
        var choices = _line.Text("hiv");
        Assert.StartsWith(_line.English.Messages.ChooseTopic, choices);

        var reply = _line.Text("yeah");

        Assert.StartsWith(_line.English.Messages.NotUnderstood, reply);
        Assert.Contains(_line.English.Messages.ChooseTopic, reply);
    }

    [Fact]
    public void Thanks_while_a_did_you_mean_list_waits_is_a_courtesy_and_the_list_is_put_away()
    {
        _line.Text("hi");
        _line.Text("hiv");

        Assert.Equal(_line.English.Messages.Courtesy, _line.Text("thanks"));
        Assert.Null(_line.Session!.Choices);
    }

    [Fact]
    public void Gracias_in_a_spanish_conversation_is_a_courtesy_in_spanish_not_the_menu_again()
    {
        Assert.Equal(_line.Spanish.WelcomeReply, _line.Text("hola"));
        _line.Text("3");

        Assert.Equal(_line.Spanish.Messages.Courtesy, _line.Text("gracias"));
        Assert.Equal(_line.Spanish.Messages.Courtesy, _line.Text("muchas gracias!"));
    }

    [Fact]
    public void A_first_text_of_gracias_gets_the_spanish_welcome()
    {
        Assert.Equal(_line.Spanish.WelcomeReply, _line.Text("gracias"));
    }

    [Fact]
    public void The_courtesy_phrases_are_read_as_whole_texts_only()
    {
        var phrases = new CourtesyPhrases(["THANKS", "GOT IT"]);

        Assert.True(phrases.IsWhole(InputText.Normalize("Got it!")));
        Assert.True(phrases.IsWhole(InputText.Normalize("thanksss")));
        Assert.False(phrases.IsWhole(InputText.Normalize("thanks for nothing, he hit me")));
        Assert.False(phrases.IsWhole(""));
    }

    // Several strung together, with her "ok" words between them: "ok ty" and "kk thanks" got "did not understand".
    [Theory]
    [InlineData("OK TY", true)]
    [InlineData("KK THANKS BYE", true)]
    [InlineData("TY OK", true)]
    [InlineData("THANKS THANKS", true)]
    [InlineData("OK OK", false)] // no thanks in it: her ok words alone are the check-in's, or the menu's
    [InlineData("OK SO", false)]
    [InlineData("THANKS TY THANKS TY THANKS TY THANKS TY THANKS TY THANKS", false)] // no one's thanks runs to eleven words
    public void Phrases_strung_together_with_her_ok_words_are_courtesy(string text, bool courtesy)
    {
        var phrases = new CourtesyPhrases(["THANKS", "TY", "BYE"], okWords: ["OK", "KK"]);

        Assert.Equal(courtesy, phrases.IsWhole(text));
    }
}
