using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using IPNetwork = System.Net.IPNetwork;

namespace WestmontTextLine.Hosting;

/// <summary>
/// A proxy's address or range, read strictly. IPAddress.TryParse reads "10.1" as 10.0.0.1 and "010.0.0.1" as
/// 8.0.0.1: an operator who wrote either meant another address, and the line would trust the wrong one.
/// </summary>
public static class ProxyAddress
{
    public static bool TryParseAddress(string text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = IPAddress.TryParse(text, out var parsed) && IsWrittenPlainly(text, parsed) ? parsed : null;
        return address is not null;
    }

    /// <summary>A range: an address and a prefix length (10.0.0.0/24), as System.Net.IPNetwork reads it.</summary>
    public static bool TryParseNetwork(string text, out IPNetwork network)
    {
        network = default;
        var slash = text.IndexOf('/');
        return slash > 0 && TryParseAddress(text[..slash], out _) && IPNetwork.TryParse(text, out network);
    }

    // IPv4 has one plain form, four numbers without leading zeros; IPv6's several forms are all unambiguous, but
    // its parser ignores a prefix length ("::1/64"), which belongs in a range.
    private static bool IsWrittenPlainly(string text, IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork ? address.ToString() == text : !text.Contains('/');
}
