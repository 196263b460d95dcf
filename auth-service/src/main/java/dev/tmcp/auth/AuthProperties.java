package dev.tmcp.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** auth-service configuration; secrets come only from the environment. */
@ConfigurationProperties("tmcp.auth")
public record AuthProperties(String issuer, String keyEncryptionKey, Duration tepLifetime,
        Duration refreshTokenLifetime, String appstoreUrl, String walletAdapterUrl, Homeserver homeserver,
        Keycloak keycloak) {

    public AuthProperties {
        if (keyEncryptionKey == null || keyEncryptionKey.isBlank()) {
            throw new IllegalStateException("TMCP_KEY_ENCRYPTION_KEY must be set (base64 of 32 random bytes)");
        }
    }

    public record Homeserver(String url, String serverName) {
    }

    public record Keycloak(String url, String realm, String clientId, String clientSecret) {

        public String issuer() {
            return url + "/realms/" + realm;
        }
    }

    @Override
    public String toString() {
        return "AuthProperties[issuer=" + issuer + "]";
    }
}
