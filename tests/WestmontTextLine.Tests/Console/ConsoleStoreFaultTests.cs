using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Console;
using WestmontTextLine.Records;
using WestmontTextLine.Storage;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Console;

/// <summary>
/// When the store stops answering (Redis down or full, a disk gone), a staff member at the console gets a page that
/// says so and to try again, not a blank error; and the log names the fault without the store's key in it.
/// </summary>
public sealed class ConsoleStoreFaultTests
{
    private const string KeyInTheFault = "wtl:staff:5f1c0a9e77d2b3c4a1e0f9d8c7b6a5f4e3d2c1b0";

    [Fact]
    public async Task Signing_in_while_the_store_is_down_says_to_try_again_and_logs_no_key()
    {
        DownableRecords? records = null;
        using var factory = new TextLineFactory
        {
            TestServices = services => services.AddSingleton<IPrivateRecords>(provider =>
                records = new DownableRecords(new SqlitePrivateRecords(provider.GetRequiredService<SqliteWriter>()),
                    $"Timeout performing GET ({KeyInTheFault}), inst: 1, qu: 0, qs: 1")),
        };
        await factory.AddStaffAsync("alice");
        using var client = ConsoleClient.For(factory);
        var token = ConsoleClient.AntiforgeryTokenIn(await client.GetPageAsync("/SignIn"));
        records!.Down = true;

        using var page = await client.GetAsync("/SignIn");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        using var answer = await client.PostWithoutTokenAsync("/SignIn",
            [new("UserName", "alice"), new("Password", ConsoleAccounts.Password), new("__RequestVerificationToken", token)]);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.Equal("60", answer.Headers.RetryAfter?.Delta?.TotalSeconds.ToString());
        Assert.Equal(ConsoleFaults.StoreDown, await answer.Content.ReadAsStringAsync());
        Assert.Equal("no-store", answer.Headers.CacheControl?.ToString());
        var faults = factory.Logs.Lines.Where(line => line.Contains("Console: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["GET /SignIn", "POST /SignIn"], faults.Select(line => line.Contains("POST", StringComparison.Ordinal) ? "POST /SignIn" : "GET /SignIn"));
        Assert.All(faults, line => Assert.Contains("(IOException)", line, StringComparison.Ordinal));
        Assert.DoesNotContain("5f1c0a9e77d2", factory.Logs.All, StringComparison.Ordinal);

        records.Down = false;
        using var again = await client.PostFormAsync("/SignIn", [new("UserName", "alice"), new("Password", ConsoleAccounts.Password)]);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }
}
