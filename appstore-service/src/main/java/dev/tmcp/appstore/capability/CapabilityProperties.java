package dev.tmcp.appstore.capability;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the services behind the capabilities of 10.5 are ({@code tmcp.appstore.capabilities.*}).
 * A service left empty is not part of this deployment, and its capability answers
 * {@code available: false}.
 *
 * @param walletUrl wallet-adapter: payments, P2P and gifts, with the user's own limits
 * @param storageUrl storage-service: the user's quota
 * @param messagingUrl matrix-bridge: rich cards
 * @param timeout the longest a service may take before its capability is answered without it
 */
@ConfigurationProperties("tmcp.appstore.capabilities")
public record CapabilityProperties(String walletUrl, String storageUrl, String messagingUrl, Duration timeout) {

    public CapabilityProperties {
        timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
    }

    boolean offers(String url) {
        return url != null && !url.isBlank();
    }
}
