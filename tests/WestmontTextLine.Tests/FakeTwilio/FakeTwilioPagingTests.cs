using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace WestmontTextLine.Tests.FakeTwilio;

/// <summary>
/// The fake's list of messages pages as Twilio's does (https://www.twilio.com/docs/usage/twilios-response, "Paging"):
/// newest first, PageSize at a time, <c>next_page_uri</c> while more remain and null on the last page, each page URI
/// keeping the list's filters.
/// </summary>
public sealed class FakeTwilioPagingTests
{
    private const string Line = "+15005550006";
    private const string Texter = "+14155550123";

    [Fact]
    public async Task A_list_longer_than_a_page_names_the_next_page_and_that_page_holds_the_older_texts()
    {
        await using var fake = await FakeTwilioApi.StartAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-10));
        fake.Clock = clock;
        var sids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            sids.Add(fake.AddMessage(Line, Texter, $"Text {i}.", status: "delivered", direction: "outbound-api").Sid);
            clock.Advance(TimeSpan.FromSeconds(1));
        }
        fake.AddMessage(Line, "+14155550199", "Someone else's.", status: "delivered", direction: "outbound-api");
        using var http = new HttpClient { BaseAddress = fake.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{fake.AccountSid}:{fake.AuthToken}")));

        using var first = JsonDocument.Parse(await http.GetStringAsync(
            $"2010-04-01/Accounts/{fake.AccountSid}/Messages.json?To={Uri.EscapeDataString(Texter)}&PageSize=2"));
        var next = first.RootElement.GetProperty("next_page_uri").GetString()!;
        using var second = JsonDocument.Parse(await http.GetStringAsync(next.TrimStart('/')));
        using var last = JsonDocument.Parse(await http.GetStringAsync(
            second.RootElement.GetProperty("next_page_uri").GetString()!.TrimStart('/')));

        Assert.Equal([sids[4], sids[3]], Sids(first));
        Assert.StartsWith($"/2010-04-01/Accounts/{fake.AccountSid}/Messages.json?To=%2B14155550123&PageSize=2&Page=1&PageToken=PA", next);
        Assert.Equal(JsonValueKind.Null, first.RootElement.GetProperty("previous_page_uri").ValueKind);
        Assert.Equal([sids[2], sids[1]], Sids(second));
        Assert.Equal(1, second.RootElement.GetProperty("page").GetInt32());
        Assert.Equal(2, second.RootElement.GetProperty("start").GetInt32());
        Assert.Equal([sids[0]], Sids(last));
        Assert.Equal(JsonValueKind.Null, last.RootElement.GetProperty("next_page_uri").ValueKind);
    }

    private static List<string> Sids(JsonDocument page) =>
        [.. page.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("sid").GetString()!)];
}
