using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Outbound;
using WestmontTextLine.Tests.CheckIns;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Logging;

/// <summary>
/// The outbox held while Twilio refuses the account, as the on-call operator reads it at Warning. The held line pasted
/// /healthz's reason after its own opening, and so read "Outbound texts held: outbound texts held since ...".
/// </summary>
public sealed class OutboxHoldLogTests
{
    [Fact]
    public async Task The_held_line_says_outbound_texts_held_once_then_why()
    {
        await using var line = await CheckInLine.StartAsync();
        await line.Factory.Services.GetRequiredService<IOutboundTexts>().SendAsync(TestNumbers.Next(), "Checking in.", "checkin_due");
        line.Fake.RejectCredentials = true;

        await line.PassesAsync();

        var held = Assert.Single(line.Factory.Logs.Lines, l => l.Contains("Outbound texts held", StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith("Error", held);
        Assert.Contains("Outbound texts held: the provider refused the credentials", held);
        Assert.Contains("they wait in the outbox, next try in 5 s", held);
        Assert.DoesNotContain("held since", held);
    }
}
