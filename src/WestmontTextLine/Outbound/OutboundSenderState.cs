namespace WestmontTextLine.Outbound;

/// <summary>
/// Whether the provider refuses the line's own sender (<c>Twilio:From</c> or <c>Twilio:MessagingServiceSid</c>), for
/// /healthz and the log: set by a refused send, cleared by the next accepted one. Every outbound text fails alike then,
/// so the texts wait in the outbox instead of being given up as if the person's number were at fault.
/// </summary>
public sealed class OutboundSenderState
{
    private volatile string? _refusedBecause;

    public string? RefusedBecause => _refusedBecause;

    /// <summary>Returns true the first time, so the fault is logged once, not once a text.</summary>
    public bool Refused(int? code)
    {
        var first = _refusedBecause is null;
        _refusedBecause = $"outbound texts are refused by the provider for the line's own sender (Twilio:From or "
            + $"Twilio:MessagingServiceSid) ({code}): fix the setting and restart; they wait in the outbox for a day";
        return first;
    }

    public void Accepted() => _refusedBecause = null;
}
