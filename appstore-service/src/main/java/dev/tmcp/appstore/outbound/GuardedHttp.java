package dev.tmcp.appstore.outbound;

import io.netty.channel.ChannelOption;
import java.time.Duration;
import reactor.netty.http.client.HttpClient;

/**
 * The HTTP client for URLs that developers give (webhook receivers, bundles): it connects only to
 * addresses the {@link AddressPolicy} allows, checked on the resolved address, and follows no
 * redirects (a redirect could lead anywhere).
 */
public final class GuardedHttp {

    private GuardedHttp() {
    }

    public static HttpClient client(boolean allowPrivateAddresses, Duration timeout) {
        return HttpClient.create()
                .resolver(new GuardedResolverGroup(new AddressPolicy(allowPrivateAddresses)))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), 5_000))
                .responseTimeout(timeout)
                .followRedirect(false);
    }

    /** Whether a URL's scheme may be used: https, or http where the local profile allows it. */
    public static boolean schemeAllowed(java.net.URI uri, boolean allowHttp) {
        return "https".equalsIgnoreCase(uri.getScheme()) || (allowHttp && "http".equalsIgnoreCase(uri.getScheme()));
    }
}
