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
