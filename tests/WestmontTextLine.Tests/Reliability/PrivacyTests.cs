using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Sessions;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;
using WestmontTextLine.Senders;

namespace WestmontTextLine.Tests.Reliability;

public class PrivacyTests
{
    private const string PhoneNumber = "+16305550399";
    private const string MarkerBody = "zebra-marker-7f3a pineapple";

    [Fact]
    public async Task Neither_the_number_nor_the_words_appear_in_the_logs_or_the_database_file()
    {
        var factory = new TextLineFactory { KeepDatabase = true };
        try
        {
            var twilio = factory.CreateTwilioClient(PhoneNumber);
            await twilio.TextAsync("hi");
            await twilio.TextAsync(MarkerBody);
            await twilio.TextAsync("3");
            await twilio.TextAsync("1");
            await twilio.TextAsync("STOP");
            await twilio.TextAsync(MarkerBody);

            var logs = factory.Logs.All;
            Assert.Contains("Text SM", logs); // the log is there, with its MessageSid
            foreach (var secret in new[] { PhoneNumber, "6305550399", MarkerBody, "zebra-marker", TextLineFactory.AuthToken, "test-privacy-key" })
            {
                Assert.DoesNotContain(secret, logs);
            }
            Assert.DoesNotContain("X-Twilio-Signature", logs, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await factory.DisposeAsync();
        }

        try
        {
            var bytes = string.Concat(SqliteFiles.Suffixes
                .Select(s => factory.DatabasePath + s)
                .Where(File.Exists)
                .Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f))));
            Assert.True(bytes.Length > 0);
            Assert.DoesNotContain("6305550399", bytes);
            Assert.DoesNotContain("zebra-marker", bytes);
        }
        finally
        {
            SqliteFiles.Delete(factory.DatabasePath);
        }
    }

    /// <summary>
    /// A MessageSid is whatever a signed request carried. Twilio's are two letters and 32 hex digits; anything else
    /// (here a number) is logged only as its first two letters.
    /// </summary>
    [Fact]
    public async Task A_message_sid_not_in_Twilios_shape_never_reaches_the_logs()
    {
        await using var factory = new TextLineFactory();
        var twilio = factory.CreateTwilioClient(PhoneNumber);

        Assert.Contains("Westmont Text Line", await twilio.TextAsync("hi", messageSid: "SM+16305550399"));
        await twilio.TextAsync("hi", messageSid: "SM0123456789abcdef0123456789abcdef");

        var logs = factory.Logs.All;
        Assert.DoesNotContain("6305550399", logs);
        Assert.Contains("Text SM… from", logs);
        Assert.Contains("Text SM0123456789abcdef0123456789abcdef from", logs);
    }

    [Theory]
    [InlineData("SM0123456789abcdef0123456789abcdef", "SM0123456789abcdef0123456789abcdef")]
    [InlineData("MM0123456789ABCDEF0123456789ABCDEF", "MM0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("SM16305550399", "SM…")]
    [InlineData("SM0123456789abcdef0123456789abcdeg", "SM…")]
    [InlineData("SM0123456789abcdef0123456789abcdef0", "SM…")]
    [InlineData("sm0123456789abcdef0123456789abcdef", "…")]
    [InlineData("+16305550399", "…")]
    [InlineData("", "-")]
    [InlineData(null, "-")]
    public void A_logged_sid_is_shown_only_in_Twilios_shape(string? sid, string logged) =>
        Assert.Equal(logged, new WestmontTextLine.Logging.LoggedSid(sid).ToString());

    [Fact]
    public async Task Sessions_are_stored_under_a_keyed_hash()
    {
        await using var factory = new TextLineFactory();
        await factory.CreateTwilioClient(PhoneNumber).TextAsync("hi");
        var keys = factory.Services.GetRequiredService<WestmontTextLine.Senders.SenderKeys>();

        var key = keys.KeyOf(PhoneNumber);

        Assert.Matches("^[0-9a-f]{64}$", key);
        Assert.NotNull(await factory.Services.GetRequiredService<ISessionStore>().LoadAsync(key));
        Assert.NotEqual(key, new WestmontTextLine.Senders.SenderKeys(Encoding.UTF8.GetBytes("another key")).KeyOf(PhoneNumber));
    }
}
