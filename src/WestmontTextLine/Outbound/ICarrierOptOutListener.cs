namespace WestmontTextLine.Outbound;

/// <summary>
/// Told when Twilio refuses a text with 21610 (the number replied STOP at the carrier) and the line records that
/// opt-out (<see cref="CarrierOptOuts"/>): a feature ends for that number what her own STOP would end (a check-in, a
/// staff conversation). Given the number's keyed hash, never the number.
/// </summary>
public interface ICarrierOptOutListener
{
    Task OptedOutAtCarrierAsync(string numberKey, CancellationToken cancellationToken);
}
