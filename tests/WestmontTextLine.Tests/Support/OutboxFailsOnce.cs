using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Outbound;

namespace WestmontTextLine.Tests.Support;

/// <summary>
/// The line's own outbox, whose next text with an armed label fails to be queued, once, as a storage fault does: the
/// text is not queued, and the text that queued it gets the fallback.
/// </summary>
public sealed class OutboxFailsOnce(IOutboundTexts inner) : ForwardingOutboundTexts(inner)
{
    private string? _label;

    public static Action<IServiceCollection> Register(Action<OutboxFailsOnce> made) => services =>
        services.AddSingleton<IOutboundTexts>(provider =>
        {
            var outbox = new OutboxFailsOnce(ActivatorUtilities.CreateInstance<OutboundTexts>(provider));
            made(outbox);
            return outbox;
        });

    public void Arm(string label) => Volatile.Write(ref _label, label);

    public override Task<string> SendAsync(string to, string body, string label, CancellationToken cancellationToken = default)
    {
        FailIfArmed(label);
        return base.SendAsync(to, body, label, cancellationToken);
    }

    public override Task SendAsAsync(string id, string to, string body, string label, CancellationToken cancellationToken = default)
    {
        FailIfArmed(label);
        return base.SendAsAsync(id, to, body, label, cancellationToken);
    }

    public override Task<string> SendOrNothingAsync(string to, string body, string label, CancellationToken cancellationToken = default)
    {
        FailIfArmed(label);
        return base.SendOrNothingAsync(to, body, label, cancellationToken);
    }

    public override Task SendAsOrNothingAsync(string id, string to, string body, string label, CancellationToken cancellationToken = default)
    {
        FailIfArmed(label);
        return base.SendAsOrNothingAsync(id, to, body, label, cancellationToken);
    }

    private void FailIfArmed(string label)
    {
        // Exchanged against the armed string itself: CompareExchange compares references, and an equal string that is
        // another instance (a test's argument, not the line's constant) would never be cleared.
        var armed = Volatile.Read(ref _label);
        if (armed == label && Interlocked.CompareExchange(ref _label, null, armed) == armed) throw new IOException("queue failed (simulated)");
    }
}
