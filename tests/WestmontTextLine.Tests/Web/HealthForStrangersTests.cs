using System.Net;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Web;

/// <summary>
/// What /healthz tells anyone who asks: the state and the reason, never a folder of the server or a URL a stranger
/// wrote (the log, which only the operator reads, keeps both). Seen from outside: a forged text sent with
/// "Host: you-have-been-hacked.example" put that name on /healthz, and a database moved while open showed its full path.
/// </summary>
public sealed class HealthForStrangersTests
{
    private static async Task<string> HealthAsync(TextLineFactory factory) =>
        await (await factory.CreateClient().GetAsync("/healthz")).Content.ReadAsStringAsync();

    [Fact]
    public async Task A_forged_texts_host_and_the_url_checked_stay_in_the_log()
    {
        await using var factory = new TextLineFactory();
        var client = factory.CreateClient();
        using var forged = new HttpRequestMessage(HttpMethod.Post, "/sms")
        {
            Content = new FormUrlEncodedContent([new("From", "+16305550621"), new("Body", "hi")]),
        };
        forged.Headers.Host = "you-have-been-hacked.example";
        forged.Headers.Add("X-Twilio-Signature", "AAAA");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(forged)).StatusCode);

        var health = await HealthAsync(factory);
        Assert.Contains("Degraded: webhook: 1 request refused for their X-Twilio-Signature", health);
        Assert.DoesNotContain("you-have-been-hacked", health);
        Assert.DoesNotContain("http", health);
        Assert.Contains(factory.Logs.Lines, line => line.Contains("http://you-have-been-hacked.example/sms", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_database_moved_while_open_is_named_without_its_folder()
    {
        await using var factory = new TextLineFactory();
        await factory.CreateTwilioClient("+16305550622").TextAsync("hi");
        // The workers are built after the first answer, and open the stores as they are: one built after the delete
        // made a new, empty file at the path, and the health then said "replaced" (seen under a loaded full run).
        await factory.WorkersBuiltAsync();

        SqliteFiles.Delete(factory.DatabasePath);

        var health = await HealthAsync(factory);
        Assert.Contains($"the database file {Path.GetFileName(factory.DatabasePath)} was deleted or moved", health);
        Assert.DoesNotContain(Path.GetDirectoryName(factory.DatabasePath)!, health);
        await Eventually.TrueAsync(() => factory.Logs.Lines.Any(line => line.Contains(factory.DatabasePath, StringComparison.Ordinal)), "the full path in the log");
    }

    [Fact]
    public async Task Asking_healthz_over_and_over_after_a_forged_text_writes_no_line_each_time()
    {
        // One forged request makes the webhook's check Degraded for 10 minutes; the framework logged each Degraded check
        // at every /healthz, so anyone could fill the log at will past the refusal's own line a minute.
        await using var factory = new TextLineFactory();
        var client = factory.CreateClient();
        var twilio = factory.CreateTwilioClient("+16305550623");
        Assert.Equal(HttpStatusCode.Forbidden, (await twilio.PostAsync(twilio.Fields("hi", twilio.NextSid()), signedUrl: "https://elsewhere.example/sms")).StatusCode);
        // The change of status is logged once, at the first /healthz that finds it (HealthChangeLog).
        Assert.Contains("Degraded: webhook", await HealthAsync(factory));
        var before = factory.Logs.Lines.Count;

        for (var i = 0; i < 20; i++) Assert.Contains("Degraded: webhook", await HealthAsync(factory));

        // Only lines about health count: on a loaded machine a late line of the start-up (the framework's, at Debug)
        // can land meanwhile, and once made this fail (11 lines where 8 were before).
        Assert.DoesNotContain(factory.Logs.Lines.Skip(before), line =>
            line.Contains("Degraded", StringComparison.Ordinal) || line.Contains("HealthCheck", StringComparison.Ordinal) ||
            line.Contains("webhook", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("the WAL /var/lib/textline/data/textline.db-wal was replaced while open", "the WAL textline.db-wal was replaced while open")]
    [InlineData(@"cannot open the SQLite database C:\textline\data\textline.db for reading", "cannot open the SQLite database textline.db for reading")]
    [InlineData("Redis refuses writes: READONLY You can't write against a read only replica.", "Redis refuses writes: READONLY You can't write against a read only replica.")]
    [InlineData("provider deletion: 3 waiting; see https://example.org/a/b", "provider deletion: 3 waiting; see https://example.org/a/b")]
    public void Reasons_lose_their_folders_and_nothing_else(string reason, string shown) =>
        Assert.Equal(shown, WestmontTextLine.Health.HealthText.WithoutFolders(reason));
}
