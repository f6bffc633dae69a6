using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using WestmontTextLine.Sms;

namespace WestmontTextLine.Tests.Web;

/// <summary>
/// The line reads Twilio's form from the body's bytes itself; whatever the body, it must get exactly what ASP.NET
/// Core's own reader gets from the same body as text, or a signature would be checked over other values.
/// </summary>
public sealed class UrlEncodedFormTests
{
    [Theory]
    [InlineData("")]
    [InlineData("?")]
    [InlineData("&&&")]
    [InlineData("Body=hello+there&From=%2B16305550100")]
    [InlineData("?Body=a&body=b&BODY=c")]
    [InlineData("=x&x=&novalue&&=")]
    [InlineData("Body=%zz%2%&Body=%E2%9C%93+ok")]
    [InlineData("Body=%C3%28&Body=%FF%FE&From=%ED%A0%80")]
    [InlineData("Body=caf\u00e9+%C3%A9&Na%6De=v%20a+l")]
    [InlineData("Body=a=b=c&To=+1+630")]
    public void Reads_a_body_as_ASP_NET_Cores_form_reader_does(string body) =>
        AssertSameAsAspNet(Encoding.UTF8.GetBytes(body));

    [Fact]
    public void Reads_random_bodies_of_tricky_pieces_as_ASP_NET_Cores_form_reader_does()
    {
        string[] pieces = ["&", "=", "+", "%", "%2", "%2B", "%41", "%e2%9c%93", "%C3", "%28", "%FF", "?", "Body", "body", "From", "MessageSid",
            "a", "Z", " ", "\u00e9", "\u2713", "\U0001F600", "0", "SM123", "AccountSid", "ApiVersion", "NumMedia", "AC1"];
        var random = new Random(1804);
        for (var i = 0; i < 5_000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 14)).Select(_ => pieces[random.Next(pieces.Length)]));
            var bytes = Encoding.UTF8.GetBytes(text).ToList();
            // Now and then a byte that is not UTF-8 at all.
            if (random.Next(4) == 0) bytes.Insert(random.Next(bytes.Count + 1), (byte)random.Next(0x80, 0x100));
            AssertSameAsAspNet([.. bytes]);
        }
    }

    [Fact]
    public void More_values_than_the_cap_is_no_form()
    {
        Assert.NotNull(UrlEncodedForm.Parse("a=1&b=2&&c=3"u8, maxValues: 3));
        Assert.Null(UrlEncodedForm.Parse("a=1&b=2&c=3&a=4"u8, maxValues: 3));
        // A cap below one: an empty body is still an empty form, anything else too many values.
        Assert.Equal(0, UrlEncodedForm.Parse(""u8, maxValues: -1)!.Count);
        Assert.Null(UrlEncodedForm.Parse("a=1"u8, maxValues: 0));
    }

    [Fact]
    public void The_message_SID_sent_three_times_is_one_string()
    {
        var form = UrlEncodedForm.Parse("SmsMessageSid=SM1a&Body=x&SmsSid=SM1a&MessageSid=SM1a"u8, 10)!;
        Assert.Equal("SM1a", form["MessageSid"].ToString());
        Assert.Same(form["MessageSid"].ToString(), form["SmsSid"].ToString());
        Assert.Same(form["MessageSid"].ToString(), form["SmsMessageSid"].ToString());
    }

    [Theory]
    [InlineData("SmsMessageSid=SM1&SmsSid=SM2&MessageSid=SM1&Body=SM1")]
    [InlineData("MessageSid=SM%41&SmsSid=SMA&SmsMessageSid=SM%41&MessageSid=SM%41")]
    [InlineData("SmsSid=&MessageSid=&SmsMessageSid=x+y&MessageSid=x%20y")]
    public void SIDs_that_differ_are_read_as_sent(string body) => AssertSameAsAspNet(Encoding.UTF8.GetBytes(body));

    [Fact]
    public void Twilios_field_names_are_shared_strings()
    {
        var first = UrlEncodedForm.Parse("MessageSid=SM1&Body=x"u8, 10)!;
        var second = UrlEncodedForm.Parse("MessageSid=SM2&Body=y"u8, 10)!;
        Assert.Same(first.Keys.First(), second.Keys.First());
    }

    [Fact]
    public void An_account_value_seen_before_is_the_same_string_and_the_texters_own_values_never_are()
    {
        var first = UrlEncodedForm.Parse("AccountSid=AC0123&ApiVersion=2010-04-01&From=%2B16305550100&Body=HELP&ToCity=WESTMONT"u8, 10)!;
        // Another request on another thread in between (as other tests run beside this one) changes nothing here.
        var between = new Thread(() => UrlEncodedForm.Parse("AccountSid=AC9999&ApiVersion=2011-01-01"u8, 10));
        between.Start();
        between.Join();
        var second = UrlEncodedForm.Parse("AccountSid=AC0123&ApiVersion=2010-04-01&From=%2B16305550100&Body=HELP&ToCity=WESTMONT"u8, 10)!;
        var other = UrlEncodedForm.Parse("AccountSid=AC0124&ApiVersion=2010%2D04%2D01"u8, 10)!;

        Assert.Same(first["AccountSid"].ToString(), second["AccountSid"].ToString());
        Assert.Same(first["ApiVersion"].ToString(), second["ApiVersion"].ToString());
        foreach (var texters in new[] { "From", "Body", "ToCity" }) Assert.NotSame(first[texters].ToString(), second[texters].ToString());
        Assert.Equal(("AC0124", "2010-04-01"), (other["AccountSid"].ToString(), other["ApiVersion"].ToString()));
    }

    [Fact]
    public void A_name_found_in_any_case_and_spelling_is_one_field_under_its_first_spelling()
    {
        var form = UrlEncodedForm.Parse("from=1&From=2&F%52OM=3&Body=x&BODY=y&Other=a&OTHER=b"u8, 100)!;

        Assert.Equal(["from", "Body", "Other"], form.Keys);
        foreach (var name in new[] { "From", "from", "FROM", "fRoM" }) Assert.Equal(new StringValues(["1", "2", "3"]), form[name]);
        Assert.Equal(new StringValues(["x", "y"]), form["body"]);
        Assert.Equal(new StringValues(["a", "b"]), form["other"]);
        Assert.Equal(3, form.Count);
        Assert.False(form.ContainsKey("MessageSid"));
        Assert.Equal(StringValues.Empty, form["MessageSid"]);
        Assert.False(form.TryGetValue("Nothing", out var none));
        Assert.Equal(StringValues.Empty, none);
        Assert.Empty(form.Files);
        Assert.True(form.Keys.IsReadOnly);
    }

    [Fact]
    public void Twilios_names_are_found_after_any_number_of_other_fields()
    {
        var others = string.Join('&', Enumerable.Range(0, 300).Select(i => $"Field{i}={i}"));
        var form = UrlEncodedForm.Parse(Encoding.UTF8.GetBytes(others + "&From=%2B16305550100&field7=again"), int.MaxValue)!;

        Assert.Equal("+16305550100", form["From"]);
        Assert.Equal(new StringValues(["7", "again"]), form["FIELD7"]);
        Assert.Equal("299", form["Field299"]);
        Assert.Equal(301, form.Count);
    }

    private static void AssertSameAsAspNet(byte[] body)
    {
        var expected = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        var actual = UrlEncodedForm.Parse(body, int.MaxValue)!;
        Assert.Equal(Describe(expected), Describe(actual));
        Assert.Equal(expected.Count, actual.Count);
        // Every way of asking for a field finds what ASP.NET Core's form finds (its names ignore case).
        foreach (var name in expected.Keys.Concat(["From", "body", "MESSAGESID", "Nothing", ""]))
        {
            foreach (var asked in new[] { name, name.ToUpperInvariant(), name.ToLowerInvariant() })
            {
                Assert.Equal(expected.TryGetValue(asked, out var value), actual.TryGetValue(asked, out var actualValue));
                Assert.Equal(value, actualValue);
                Assert.Equal(expected.ContainsKey(asked), actual.ContainsKey(asked));
                Assert.Equal(expected.TryGetValue(asked, out var indexed) ? indexed : StringValues.Empty, actual[asked]);
            }
        }
    }

    private static string[] Describe(IEnumerable<KeyValuePair<string, StringValues>> form) =>
        [.. form.Select(field => field.Key + " => [" + string.Join("|", field.Value.Select(value => value ?? "(null)")) + "]")];
}
