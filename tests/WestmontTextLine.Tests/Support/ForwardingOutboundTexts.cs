using WestmontTextLine.Outbound;

namespace WestmontTextLine.Tests.Support;

/// <summary>
/// The real outbox passed through, for a test that needs to step in before a text is queued: override only that call.
/// </summary>
public abstract class ForwardingOutboundTexts(IOutboundTexts inner) : IOutboundTexts
{
    public bool Enabled => inner.Enabled;

    public virtual Task<string> SendAsync(string to, string body, string label, CancellationToken cancellationToken = default) =>
        inner.SendAsync(to, body, label, cancellationToken);

    public virtual Task SendAsAsync(string id, string to, string body, string label, CancellationToken cancellationToken = default) =>
        inner.SendAsAsync(id, to, body, label, cancellationToken);

    public virtual Task<string> SendOrNothingAsync(string to, string body, string label, CancellationToken cancellationToken = default) =>
        inner.SendOrNothingAsync(to, body, label, cancellationToken);

    public virtual Task SendAsOrNothingAsync(string id, string to, string body, string label, CancellationToken cancellationToken = default) =>
        inner.SendAsOrNothingAsync(id, to, body, label, cancellationToken);
}
