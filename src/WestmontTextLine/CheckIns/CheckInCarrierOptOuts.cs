using WestmontTextLine.Outbound;

namespace WestmontTextLine.CheckIns;

/// <summary>
/// A texter who said STOP at the carrier: her check-in ends as after her own STOP (no alert to her contact for a
/// check-in she stopped; the contact is released). As someone's contact, the number is handled where a text to it
/// failed (<see cref="CheckInDeliveries"/>): she hears of it once, there.
/// </summary>
public sealed class CheckInCarrierOptOuts(CheckInService checkIns) : ICarrierOptOutListener
{
    public Task OptedOutAtCarrierAsync(string numberKey, CancellationToken cancellationToken) =>
        checkIns.TexterStoppedAsync(numberKey, cancellationToken);
}
