using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Outbound;
using WestmontTextLine.Tests.CheckIns;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Outbound;

/// <summary>
/// Twilio refusing the whole account (the auth token rotated: 401 20003) while texts wait in the outbox. Each text was
/// tried on its own: fifty refused requests a pass, a warning a text in the log, and /healthz said nothing (it spoke only
/// of deletion). Now the first refusal holds the outbox (<see cref="OutboundPause"/>): one error line, /healthz says so,
/// one text is tried at growing intervals, and the outbox goes again by itself once Twilio takes one: each text once,
/// none to a number that opted out meanwhile.
/// </summary>
public sealed class OutboxHeldTests
{
    private const string Body = "Checking in. Reply OK if you are all right.";

    [Fact]
    public async Task Refused_credentials_hold_the_outbox_say_so_once_and_it_recovers_by_itself()
    {
        await using var line = await CheckInLine.StartAsync();
        var herNumber = TestNumbers.Next();
        var her = line.Phone(herNumber);
        await her.TextAsync("hi");
        var outbound = line.Factory.Services.GetRequiredService<IOutboundTexts>();
        var numbers = Enumerable.Range(0, 60).Select(_ => TestNumbers.Next()).ToList();
        foreach (var number in numbers) await outbound.SendAsync(number, Body, "checkin_due");
        await outbound.SendAsync(herNumber, "This conversation is closed.", "handoff_closed");
        var worker = line.Factory.Services.GetRequiredService<OutboundTextWorker>();
        line.Fake.RejectCredentials = true;

        await worker.RunPassAsync(CancellationToken.None);
        var refused = line.Fake.RequestCount;
        Assert.InRange(refused, 1, OutboundTextWorker.SendsAtOnce);
        Assert.Single(line.Factory.Logs.Lines, l => l.Contains("Outbound texts held", StringComparison.Ordinal));
        var health = await HealthAsync(line);
        Assert.Contains("outbound texts held since", health);
        Assert.Contains("refused the credentials", health);

        // Before the first wait ends nothing is tried; then one text (its look-up first, as it was tried before), not the outbox.
        line.Factory.Clock.Advance(OutboundPause.FirstWait / 2);
        await worker.RunPassAsync(CancellationToken.None);
        Assert.Equal(refused, line.Fake.RequestCount);
        line.Factory.Clock.Advance(OutboundPause.FirstWait);
        await worker.RunPassAsync(CancellationToken.None);
        Assert.Equal(refused + 1, line.Fake.RequestCount);
        Assert.Single(line.Factory.Logs.Lines, l => l.Contains("Outbound texts held", StringComparison.Ordinal));

        // She opts out meanwhile; the token is fixed at Twilio's end; the next try lets everything go, once each.
        await her.TextAsync("STOP");
        line.Fake.RejectCredentials = false;
        line.Factory.Clock.Advance(OutboundPause.FirstWait * 2);
        await worker.RunPassAsync(CancellationToken.None);
        Assert.All(numbers, number => Assert.Single(line.SentTo(number)));
        Assert.Empty(line.SentTo(herNumber));
        Assert.Single(line.Factory.Logs.Lines, l => l.Contains("Outbound texts go out again", StringComparison.Ordinal));
        Assert.DoesNotContain("outbound texts held", await HealthAsync(line));
    }

    [Fact]
    public async Task A_full_queue_for_the_lines_own_number_is_waited_out_not_taken_for_her_contacts_fault()
    {
        await using var line = await CheckInLine.StartAsync();
        var contact = TestNumbers.Next();
        await line.Factory.Services.GetRequiredService<IOutboundTexts>().SendAsync(contact, "Ana asked the line to text you.", "buddy_request");
        line.Fake.RefuseSends(1, 21611);

        await line.PassesAsync();
        Assert.Empty(line.SentTo(contact));
        await line.AdvanceAsync(OutboundPause.FirstWait);

        Assert.Single(line.SentTo(contact));
        Assert.DoesNotContain(line.Factory.Logs.Lines, l => l.Contains("given up", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_text_dropped_at_a_try_of_the_held_outbox_does_not_make_the_next_wait_another_round()
    {
        await using var line = await CheckInLine.StartAsync();
        var (herNumber, other) = (TestNumbers.Next(), TestNumbers.Next());
        await line.Phone(herNumber).TextAsync("hi");
        await line.Phone(herNumber).TextAsync("STOP");
        var outbound = line.Factory.Services.GetRequiredService<IOutboundTexts>();
        await outbound.SendAsync(other, Body, "checkin_due");
        line.Fake.RejectCredentials = true;
        await line.PassesAsync();
        // Queued after the other was tried, so due before its next try: the held outbox's next try takes hers first.
        await outbound.SendAsync(herNumber, Body, "checkin_due");
        line.Fake.RejectCredentials = false;

        await line.AdvanceAsync(OutboundPause.FirstWait);

        Assert.Empty(line.SentTo(herNumber));
        Assert.Single(line.SentTo(other));
    }

    private static async Task<string> HealthAsync(CheckInLine line) =>
        await (await line.Factory.CreateClient().GetAsync("/healthz")).Content.ReadAsStringAsync();
}
