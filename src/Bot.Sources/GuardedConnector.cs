using System.Net;
using System.Net.Sockets;

namespace Bot.Core.Sources;

/// <summary>
/// The connect step of every fetch: resolves the host itself and connects only to addresses that
/// <see cref="NetworkRanges"/> allows (unless private networks are allowed). Because it runs for each connection,
/// redirects and DNS answers that change between checks (rebinding) are covered too.
/// </summary>
internal sealed class GuardedConnector(bool allowPrivateNetworks)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        var allowed = allowPrivateNetworks ? addresses : addresses.Where(NetworkRanges.IsPublic).ToArray();
        if (allowed.Length == 0)
        {
            throw new BlockedAddressException(host);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>The host resolves only to addresses a fetch may not reach.</summary>
internal sealed class BlockedAddressException(string host)
    : IOException($"{host} resolves to a private, loopback or link-local address; refused (Sources:AllowPrivateNetworks is false).");
