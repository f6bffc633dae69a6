using WestmontTextLine.Flows;
using WestmontTextLine.Handoff;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Handoff;

public sealed class HandoffTextsTests
{
    private static readonly HandoffTexts Texts = new(EngineHarness.Flow);

    [Theory]
    [InlineData("en")]
    [InlineData("es")]
    public void The_longest_no_one_now_reply_is_gsm7_and_fits_two_segments(string language)
    {
        // Wednesday (miércoles) at 10:00 AM: the longest day name and time.
        var reply = Texts.Unavailable(language, new DateTime(2026, 12, 2, 10, 0, 0), offer: true);

        Assert.True(SmsText.IsGsm7(reply), reply);
        Assert.True(SmsText.Segments(reply) <= SmsText.TargetSegments, $"{SmsText.Septets(reply)} characters: {reply}");
        Assert.Contains("911", reply);
        Assert.Contains("1-888-373-7888", reply);
        Assert.DoesNotContain("{", reply);
    }

    [Fact]
    public void The_next_time_reads_as_a_day_and_a_time_in_each_language()
    {
        var monday = new DateTime(2026, 11, 30, 9, 0, 0);

        Assert.Equal("Someone will be here Monday at 9:00 AM.", Texts.Next("en", monday));
        Assert.Equal("Alguien estara aqui el lunes a las 9:00.", Texts.Next("es", monday));
        Assert.Equal("Alguien estara aqui el miércoles a las 13:30.", Texts.Next("es", new DateTime(2026, 12, 2, 13, 30, 0)));
    }

    [Fact]
    public void Staffed_hours_that_begin_later_today_are_today_and_one_oclock_takes_the_singular_in_spanish()
    {
        var thursdayMorning = new DateTime(2026, 11, 26, 9, 0, 0);
        var today = DateOnly.FromDateTime(thursdayMorning);

        Assert.Equal("Someone will be here today at 9:00 AM.", Texts.Next("en", thursdayMorning, today));
        Assert.Equal("Alguien estara aqui hoy a las 9:00.", Texts.Next("es", thursdayMorning, today));
        Assert.Equal("Someone will be here Friday at 9:00 AM.", Texts.Next("en", thursdayMorning.AddDays(1), today));
        Assert.Equal("Alguien estara aqui hoy a la 1:30.", Texts.Next("es", new DateTime(2026, 11, 26, 1, 30, 0), today));
        Assert.Equal("Alguien estara aqui el viernes a las 13:30.", Texts.Next("es", new DateTime(2026, 11, 27, 13, 30, 0), today));
    }

    [Fact]
    public void Without_a_time_or_an_offer_the_reply_has_neither()
    {
        Assert.Equal("No one from our team can text right now. If you are in danger, call 911. " +
            "Trafficking Hotline 24/7: 1-888-373-7888, text HELP to 233733. Reply 0 for menu.", Texts.Unavailable("en", null, offer: false));
    }

    [Theory]
    [InlineData("We\u2019re here \u2013 text \u201cOK\u201d\u2026", "We're here - text \"OK\"...")]
    [InlineData("Est\u00e1s a salvo? S\u00ed. Informaci\u00f3n. \u00bfD\u00f3nde?", "Estas a salvo? Si. Informacion. ¿Donde?")]
    [InlineData("ni\u00f1o, caf\u00e9, ping\u00fcino", "niño, café, pingüino")]
    [InlineData("tab\there\u00a0nbsp", "tab here nbsp")]
    [InlineData("line one\r\nline two", "line one\nline two")]
    public void Staff_replies_are_normalised_to_gsm7_as_the_flows_are_written(string typed, string sent)
    {
        Assert.Equal(sent, StaffReply.Normalize(typed));
    }

    [Theory]
    [InlineData("\U0001F49C")]
    [InlineData("  ")]
    [InlineData("\u4F60\u597D")]
    public void What_has_no_gsm7_form_is_refused(string typed)
    {
        Assert.Null(StaffReply.Normalize(typed));
    }
}
