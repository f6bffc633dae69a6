namespace WestmontTextLine.Senders;

/// <summary>How staff see a texter: "Texter 3F2A", from the keyed hash, never the number.</summary>
public static class Pseudonym
{
    public static string Of(string senderKey) => "Texter " + senderKey[..4].ToUpperInvariant();
}
