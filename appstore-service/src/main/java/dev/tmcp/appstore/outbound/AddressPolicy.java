package dev.tmcp.appstore.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where webhooks may go (SSRF guard): outside the local profile, only public unicast addresses —
 * no loopback, unspecified, link-local (the cloud metadata address 169.254.169.254 among them),
 * private, carrier-grade NAT, unique-local IPv6 or multicast, nor an IPv4 one of those in IPv6
 * clothing. Checked on the address the connection is made to, not on the URL's host name.
 */
public final class AddressPolicy {

    private final boolean allowPrivate;

    public AddressPolicy(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    public boolean allows(InetAddress address) {
        return allowPrivate || isPublic(address);
    }

    static boolean isPublic(InetAddress address) {
        InetAddress a = embeddedIpv4(address);
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 && !(first == 100 && second >= 64 && second < 128) // 100.64/10 carrier-grade NAT
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0/24 protocol assignments
                    && !(first == 198 && (second == 18 || second == 19)) // 198.18/15 benchmarking
                    && first < 240; // 240/4 reserved, 255.255.255.255
        }
        return (b[0] & 0xfe) != 0xfc; // fc00::/7 unique local
    }

    /** The IPv4 address inside an IPv4-mapped ({@code ::ffff:a.b.c.d}) or compatible IPv6 address. */
    private static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] b = address.getAddress();
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return address;
            }
        }
        boolean mapped = (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0);
        if (!mapped && !compatible) {
            return address;
        }
        try {
            return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
