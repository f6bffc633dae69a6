using WestmontTextLine.Outbound;

namespace WestmontTextLine.Handoff;

/// <summary>A texter who said STOP at the carrier: her open conversation closes as after her own STOP (staff see why).</summary>
public sealed class HandoffCarrierOptOuts(HandoffService handoff) : ICarrierOptOutListener
{
    public Task OptedOutAtCarrierAsync(string numberKey, CancellationToken cancellationToken) =>
        handoff.StoppedAsync(numberKey, cancellationToken);
}
