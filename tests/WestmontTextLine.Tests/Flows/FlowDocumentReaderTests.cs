using WestmontTextLine.Flows;
using YamlDotNet.Core;

namespace WestmontTextLine.Tests.Flows;

public class FlowDocumentReaderTests
{
    [Fact]
    public void Reads_every_shape_of_a_language_file()
    {
        var document = FlowDocumentReader.ReadLanguage("""
            language: en
            start: main
            messages:
              footer: "0 Back. MENU Main menu."
              empty:
            keywords:
              menu: [MENU, MAIN]
            nodes:
              main:
                text: Pick a topic
                options:
                  - health
              health:
                label: Health
                text: Free testing.
                referrals: [clinic]
                topics: [test, clinic]
              later:
            """)!;

        Assert.Equal("en", document.Language);
        Assert.Equal("main", document.Start);
        Assert.Equal("0 Back. MENU Main menu.", document.Messages["footer"]);
        Assert.Equal("", document.Messages["empty"]);
        Assert.Equal(["MENU", "MAIN"], document.Keywords["menu"]);
        Assert.Equal(["health"], document.Nodes["main"]!.Options);
        Assert.Empty(document.Nodes["main"]!.Referrals);
        Assert.Equal("Health", document.Nodes["health"]!.Label);
        Assert.Equal(["clinic"], document.Nodes["health"]!.Referrals);
        Assert.Equal(["test", "clinic"], document.Nodes["health"]!.Topics);
        Assert.Null(document.Nodes["later"]);
    }

    [Fact]
    public void Reads_the_distress_lists_by_category()
    {
        var document = FlowDocumentReader.ReadLanguage("""
            language: en
            distress:
              fear: [scared, "afraid"]
              plea_for_help:
                - need help
                - "help please/pls"
            """)!;

        Assert.Equal(["scared", "afraid"], document.Distress["fear"]);
        Assert.Equal(["need help", "help please/pls"], document.Distress["plea_for_help"]);
    }

    [Fact]
    public void Reads_a_referral_with_underscored_keys_and_a_flag()
    {
        var document = FlowDocumentReader.ReadReferrals("""
            referrals:
              hotline:
                name: National Human Trafficking Hotline
                label: { en: Trafficking hotline, es: Linea contra la trata }
                phone: 1-888-373-7888
                text_number: "233733"
                text_keyword: HELP
                confidence: high
                verify_before_launch: false
            """)!;

        var hotline = document.Referrals["hotline"]!;
        Assert.Equal("233733", hotline.TextNumber);
        Assert.Equal("HELP", hotline.TextKeyword);
        Assert.Equal("Linea contra la trata", hotline.Label["es"]);
        Assert.False(hotline.VerifyBeforeLaunch);
    }

    [Fact]
    public void An_empty_file_reads_as_nothing()
    {
        Assert.Null(FlowDocumentReader.ReadLanguage(""));
        Assert.Null(FlowDocumentReader.ReadLanguage("# only a comment\n"));
    }

    [Theory]
    [InlineData("nodes:\n  health:\n    optoins: [a]\n", 3, "unknown key 'optoins' in node 'health' (the keys are: label, text, options, referrals, topics)")]
    [InlineData("nodes:\n  health:\n    options: just one\n", 3, "node 'health': options must be a list (- item, or [a, b])")]
    [InlineData("nodes:\n  health:\n    text: [a, b]\n", 3, "node 'health': text must be text, not a list or mapping")]
    [InlineData("start: main\nstart: other\n", 2, "'start' is given twice in the flow file")]
    [InlineData("- a\n- b\n", 1, "the flow file must be a mapping (key: value lines)")]
    [InlineData("language: en\n---\nlanguage: es\n", 2, "a flow file holds one YAML document (remove the second ---)")]
    public void A_shape_the_flow_files_do_not_use_names_its_line(string yaml, int line, string message)
    {
        var error = Assert.ThrowsAny<YamlException>(() => FlowDocumentReader.ReadLanguage(yaml));

        Assert.Equal(line, error.Start.Line);
        Assert.EndsWith(message, error.Message);
    }

    [Fact]
    public void Reads_the_sensitive_words_as_a_list()
    {
        var document = FlowDocumentReader.ReadLanguage("language: en\nsensitive_words: [\"sex*\", hiv, PrEP]\n")!;

        Assert.Equal(["sex*", "hiv", "PrEP"], document.SensitiveWords);
    }

    [Fact]
    public void Reads_a_reading_level_as_numbers()
    {
        var document = FlowDocumentReader.ReadLanguage("language: es\nreading_level:\n  min_ease: 72.5\n")!;

        Assert.Equal(72.5, document.ReadingLevel!.MinEase);
        Assert.Null(document.ReadingLevel.MaxGrade);
    }

    [Theory]
    [InlineData("reading_level:\n  max_grade: eight\n", 2, "reading_level: max_grade must be a number")]
    [InlineData("reading_level:\n  max_grde: 8\n", 2, "unknown key 'max_grde' in reading_level (the keys are: max_grade, min_ease)")]
    [InlineData("distress:\n  fear: scared\n", 2, "distress 'fear' must be a list (- item, or [a, b])")]
    public void A_new_section_in_the_wrong_shape_names_its_line(string yaml, int line, string message)
    {
        var error = Assert.ThrowsAny<YamlException>(() => FlowDocumentReader.ReadLanguage(yaml));

        Assert.Equal(line, error.Start.Line);
        Assert.EndsWith(message, error.Message);
    }

    [Fact]
    public void A_flag_must_be_true_or_false()
    {
        var error = Assert.ThrowsAny<YamlException>(() =>
            FlowDocumentReader.ReadReferrals("referrals:\n  clinic:\n    verify_before_launch: maybe\n"));

        Assert.EndsWith("referral 'clinic': verify_before_launch must be true or false", error.Message);
    }
}
