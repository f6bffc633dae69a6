using System.Text;
using Microsoft.Extensions.Options;
using WestmontTextLine.Flows;
using WestmontTextLine.Privacy;
using WestmontTextLine.Scheduling;

namespace WestmontTextLine.Outbound;

/// <summary>
/// The line's one way to text someone first (a check-in, an alert to a buddy, a staff reply). A send is accepted
/// into a durable outbox and sent by <see cref="OutboundTextWorker"/>: a restart or kill -9 loses none, and each is
/// sent once. The number and the body are kept encrypted (<see cref="PersonalDataCipher"/>), only until sent.
/// Bodies keep to GSM-7 and three segments, as the flows do. A number that opted out is never texted: that is
/// checked when the text goes out.
/// </summary>
public interface IOutboundTexts
{
    bool Enabled { get; }

    /// <param name="to">The number, as Twilio gives it (E.164).</param>
    /// <param name="body">The text: GSM-7, at most three segments.</param>
    /// <param name="label">What it is, for its delivery status (a fixed name such as "checkin"), never who.</param>
    /// <returns>The outbox id, which the caller may keep to look its send up.</returns>
    Task<string> SendAsync(string to, string body, string label, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="SendAsync"/>, under an outbox id the caller chose (letters, digits and '-', at most 100), so that
    /// it can know the id before the worker may send the text and report on it (<see cref="IOutboundOutcomes"/>).
    /// Queuing an id that is still queued keeps one item, due at the earlier time.
    /// </summary>
    Task SendAsAsync(string id, string to, string body, string label, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="SendAsync"/>, but all or nothing: when this fails (a timeout too), the text was not queued and will
    /// not go out. For a caller that queues the text again after a failure: the check-in worker when the timer's lease
    /// ends, a code word sent again, a staff member's Retry, a chat's timer finishing its close. Without it, on Redis, a text queued while Redis was paused
    /// went out when Redis resumed, after its caller was told it failed, and the caller's second try sent it again.
    /// A caller that records its change first and will not queue the text again (her contact's YES told to her) uses
    /// <see cref="SendAsync"/>, so that such a text still goes out.
    /// </summary>
    async Task<string> SendOrNothingAsync(string to, string body, string label, CancellationToken cancellationToken = default)
    {
        var id = OutboundTexts.NewId();
        await SendAsOrNothingAsync(id, to, body, label, cancellationToken);
        return id;
    }

    /// <summary>As <see cref="SendAsAsync"/>, all or nothing (see <see cref="SendOrNothingAsync"/>).</summary>
    Task SendAsOrNothingAsync(string id, string to, string body, string label, CancellationToken cancellationToken = default) =>
        SendAsAsync(id, to, body, label, cancellationToken);
}

public sealed class OutboundTexts(IScheduledWork work, PersonalDataCipher cipher, IOptions<TwilioApiOptions> options, TimeProvider time)
    : IOutboundTexts
{
    public bool Enabled => options.Value.CanSend;

    public async Task<string> SendAsync(string to, string body, string label, CancellationToken cancellationToken = default)
    {
        var id = NewId();
        await SendAsAsync(id, to, body, label, cancellationToken);
        return id;
    }

    public Task SendAsAsync(string id, string to, string body, string label, CancellationToken cancellationToken = default) =>
        QueueAsync(id, to, body, label, orNothing: false, cancellationToken);

    public Task SendAsOrNothingAsync(string id, string to, string body, string label, CancellationToken cancellationToken = default) =>
        QueueAsync(id, to, body, label, orNothing: true, cancellationToken);

    public static string NewId() => OutboxIds.New();

    private async Task QueueAsync(string id, string to, string body, string label, bool orNothing, CancellationToken cancellationToken)
    {
        if (!Enabled) throw new InvalidOperationException(options.Value.Describe());
        if (!IsOutboxId(id)) throw new ArgumentException("An outbox id is 1 to 100 letters, digits and '-'.", nameof(id));
        if (!SmsText.IsGsm7(body)) throw new ArgumentException("An outbound text must be GSM-7.", nameof(body));
        if (SmsText.Segments(body) > SmsText.MaxSegments) throw new ArgumentException($"An outbound text must fit {SmsText.MaxSegments} segments.", nameof(body));
        var payload = cipher.Encrypt(OutboundPayload.Write(to, label, body), Associated(id));
        var dueAt = OutboxPriority.DueAt(label, time.GetUtcNow());
        if (orNothing) await work.ScheduleOrNothingAsync(WorkKinds.Send, id, dueAt, payload, cancellationToken);
        else await work.ScheduleAsync(WorkKinds.Send, id, dueAt, payload, cancellationToken);
    }

    /// <summary>An outbox id goes into the status callback's URL: letters, digits and '-' only.</summary>
    public static bool IsOutboxId(string? id) =>
        id is { Length: > 0 and <= 100 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    public static string Associated(string id) => $"{WorkKinds.Send}:{id}";

    /// <summary>A queued text's number, label and words; throws CryptographicException when sealed under another key.</summary>
    public static (string To, string Label, string Body) Open(PersonalDataCipher cipher, ScheduledItem item) =>
        OutboundPayload.Read(cipher.Decrypt(item.Payload ?? [], Associated(item.Id)));
}

/// <summary>What an outbox item holds, before encryption: the number, the label and the body, in that order.</summary>
public static class OutboundPayload
{
    public static string Write(string to, string label, string body) => $"{to}\n{label}\n{body}";

    public static (string To, string Label, string Body) Read(string text)
    {
        var parts = text.Split('\n', 3);
        return (parts[0], parts[1], parts[2]);
    }
}
