using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace WestmontTextLine.Tests.FakeTwilio;

/// <summary>
/// The fake refuses to delete a message still in flight as Twilio does (https://www.twilio.com/docs/api/errors/20009,
/// "Cannot delete this resource before it is complete": a message not yet finalized, "sent" included while Twilio
/// waits for the carrier's receipt), with Twilio's error JSON, and deletes it once it is final.
/// </summary>
public sealed class FakeTwilioDeletionTests
{
    private const string Line = "+15005550006";
    private const string Texter = "+14155550123";

    [Theory]
    [InlineData("accepted")]
    [InlineData("queued")]
    [InlineData("sending")]
    [InlineData("sent")]
    public async Task A_message_in_flight_is_refused_with_20009_and_kept(string status)
    {
        await using var fake = await FakeTwilioApi.StartAsync();
        var sid = fake.AddMessage(Line, Texter, "Words.", status, "outbound-api").Sid;
        using var http = ClientOf(fake);

        using var answer = await http.DeleteAsync(PathOf(fake, sid));

        Assert.Equal((HttpStatusCode)fake.NotFinalYetStatus, answer.StatusCode);
        using var error = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        Assert.Equal(20009, error.RootElement.GetProperty("code").GetInt32());
        Assert.Equal(fake.NotFinalYetStatus, error.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("https://www.twilio.com/docs/errors/20009", error.RootElement.GetProperty("more_info").GetString());
        Assert.NotNull(fake.Message(sid));
        Assert.Empty(fake.DeletedSids);
    }

    [Theory]
    [InlineData("delivered")]
    [InlineData("undelivered")]
    [InlineData("failed")]
    [InlineData("received")]
    public async Task A_final_message_is_deleted(string status)
    {
        await using var fake = await FakeTwilioApi.StartAsync();
        var sid = fake.AddMessage(Line, Texter, "Words.", "queued", "outbound-api").Sid;
        fake.SetStatus(sid, status);
        using var http = ClientOf(fake);

        using var answer = await http.DeleteAsync(PathOf(fake, sid));

        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Null(fake.Message(sid));
        Assert.Equal([sid], fake.DeletedSids);
    }

    [Fact]
    public async Task After_a_deletion_the_messages_it_still_holds_stay_oldest_first()
    {
        await using var fake = await FakeTwilioApi.StartAsync();
        var first = fake.AddMessage(Line, Texter, "First.", "delivered", "outbound-api").Sid;
        fake.AddMessage(Line, Texter, "Second.", "delivered", "outbound-api");
        using var http = ClientOf(fake);
        using (var answer = await http.DeleteAsync(PathOf(fake, first))) Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);

        fake.AddMessage(Line, Texter, "Third.", "queued", "outbound-api");

        Assert.Equal(["Second.", "Third."], fake.Messages.Select(m => m.Body));
    }

    private static HttpClient ClientOf(FakeTwilioApi fake)
    {
        var http = new HttpClient { BaseAddress = fake.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{fake.AccountSid}:{fake.AuthToken}")));
        return http;
    }

    private static string PathOf(FakeTwilioApi fake, string sid) => $"2010-04-01/Accounts/{fake.AccountSid}/Messages/{sid}.json";
}
