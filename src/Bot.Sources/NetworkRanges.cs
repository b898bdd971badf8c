using System.Net;
using System.Net.Sockets;

namespace Bot.Core.Sources;

/// <summary>
/// Which addresses a fetch may reach. Refused: IPv4 this-network 0/8, private 10/8, 172.16/12 and 192.168/16,
/// shared 100.64/10, loopback 127/8, link-local 169.254/16 (cloud metadata lives there), IETF 192.0.0/24,
/// benchmarking 198.18/15, multicast and reserved 224/3 and broadcast; IPv6 unspecified and loopback, link-local
/// fe80::/10, site-local fec0::/10, unique-local fc00::/7, multicast ff00::/8; IPv4 addresses mapped into IPv6
/// (::ffff:0:0/96) and NAT64 (64:ff9b::/96) are judged as the IPv4 address they carry.
/// </summary>
internal static class NetworkRanges
{
    private static readonly (uint Network, int Bits)[] RefusedV4 =
    [
        (V4(0, 0, 0, 0), 8),
        (V4(10, 0, 0, 0), 8),
        (V4(100, 64, 0, 0), 10),
        (V4(127, 0, 0, 0), 8),
        (V4(169, 254, 0, 0), 16),
        (V4(172, 16, 0, 0), 12),
        (V4(192, 0, 0, 0), 24),
        (V4(192, 168, 0, 0), 16),
        (V4(198, 18, 0, 0), 15),
        (V4(224, 0, 0, 0), 3),
    ];

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublic(address.MapToIPv4());
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var bytes = address.GetAddressBytes();
            var value = V4(bytes[0], bytes[1], bytes[2], bytes[3]);
            return !RefusedV4.Any(r => (value & Mask(r.Bits)) == r.Network);
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }
        var v6 = address.GetAddressBytes();
        if (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b && v6.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return IsPublic(new IPAddress(v6.AsSpan(12, 4)));
        }
        return !(address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6Loopback) || address.IsIPv6LinkLocal
            || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast);
    }

    private static uint V4(byte a, byte b, byte c, byte d) => ((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | d;

    private static uint Mask(int bits) => bits == 0 ? 0 : uint.MaxValue << (32 - bits);
}
