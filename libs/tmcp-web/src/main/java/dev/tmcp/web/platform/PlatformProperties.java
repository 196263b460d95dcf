package dev.tmcp.web.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The platform service credentials of spec 4.4.9, for services that serve platform-only
 * endpoints ({@code TMCP_CONSOLE_CLIENT_ID}, {@code TMCP_CONSOLE_CLIENT_SECRET}).
 */
@ConfigurationProperties("tmcp.platform")
public record PlatformProperties(String clientId, String clientSecret) {

    public PlatformProperties {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalStateException("TMCP_CONSOLE_CLIENT_ID must be set");
        }
        if (clientSecret == null || clientSecret.length() < 16) {
            throw new IllegalStateException("TMCP_CONSOLE_CLIENT_SECRET must be set (at least 16 characters)");
        }
    }

    @Override
    public String toString() {
        return "PlatformProperties[clientId=" + clientId + "]";
    }
}
