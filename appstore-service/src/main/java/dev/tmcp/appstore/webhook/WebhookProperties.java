package dev.tmcp.appstore.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Webhook delivery settings ({@code tmcp.appstore.webhooks.*}).
 *
 * @param allowPrivateAddresses deliver to loopback and private addresses (the local profile only)
 * @param allowHttp deliver to plain {@code http://} URLs (the local profile only)
 * @param pollInterval how often the dispatcher looks for due deliveries
 * @param timeout the longest a receiver may take to answer
 * @param backoffScale multiplies every retry delay and the three-day limit (tests shrink it)
 */
@ConfigurationProperties("tmcp.appstore.webhooks")
public record WebhookProperties(boolean allowPrivateAddresses, boolean allowHttp, Duration pollInterval, Duration timeout,
        Double backoffScale) {

    public WebhookProperties {
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        backoffScale = backoffScale == null ? 1.0 : backoffScale;
    }
}
