using WestmontTextLine.Tests.Storage;
using WestmontTextLine.Tests.Web;

namespace WestmontTextLine.Tests.Outbound;

/// <summary>
/// Two instances of the line on one Redis, as behind a load balancer: Twilio's status callback reporting a fault of the
/// line's own number reaches one of them, the operator's monitor polls the other's /healthz (and, after a deploy, a
/// new process's). Each must say it, and a delivered text heard by either must clear it for both.
/// </summary>
public sealed class LineHealthTwoInstancesTests
{
    private const string Texter = "+16305558211";

    [Fact]
    public async Task A_fault_of_the_lines_own_number_heard_by_one_instance_is_said_by_the_other_and_by_a_restarted_one_and_cleared_by_either()
    {
        using var redis = RedisServer.Start();
        await using var fake = await ProviderTextLine.StartFakeAsync();
        using var a = new RedisTextLineFactory(redis.ConnectionString).WithProvider(fake);
        using var b = new RedisTextLineFactory(redis.ConnectionString).WithProvider(fake);
        Assert.DoesNotContain("30034", await HealthAsync(b));

        await ProviderTextLine.TextAndDeliverAsync(a.CreateTwilioClient(Texter), fake, "hi", "undelivered", 30034);

        var saidByB = await HealthAsync(b);
        Assert.Contains("texts reported failed for the line's own number or account", saidByB);
        Assert.Contains("(30034)", saidByB);
        using (var restarted = new RedisTextLineFactory(redis.ConnectionString).WithProvider(fake))
            Assert.Contains("(30034)", await HealthAsync(restarted));

        await ProviderTextLine.TextAndDeliverAsync(b.CreateTwilioClient(Texter), fake, "1");

        Assert.DoesNotContain("30034", await HealthAsync(a));
        Assert.DoesNotContain("30034", await HealthAsync(b));
    }

    private static async Task<string> HealthAsync(TextLineFactory line)
    {
        using var response = await line.CreateClient().GetAsync("/healthz");
        return await response.Content.ReadAsStringAsync();
    }
}
