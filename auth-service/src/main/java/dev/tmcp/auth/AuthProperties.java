package dev.tmcp.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** auth-service configuration; secrets come only from the environment. */
@ConfigurationProperties("tmcp.auth")
public record AuthProperties(String issuer, String keyEncryptionKey, Duration tepLifetime,
        Duration refreshTokenLifetime, Duration consentLifetime, String appstoreUrl, String walletAdapterUrl,
        Homeserver homeserver, Keycloak keycloak) {

    public AuthProperties {
        if (keyEncryptionKey == null || keyEncryptionKey.isBlank()) {
            throw new IllegalStateException("TMCP_KEY_ENCRYPTION_KEY must be set (base64 of 32 random bytes)");
        }
    }

    public record Homeserver(String url, String serverName) {
    }

    /**
     * @param trustedClients first-party Keycloak clients (the super-app itself) whose tokens may be
     *     exchanged for any mini-app; a token of any other client only for the mini-app it was issued to
     */
    public record Keycloak(String url, String realm, String clientId, String clientSecret,
            java.util.Set<String> trustedClients) {

        public Keycloak {
            trustedClients = trustedClients == null ? java.util.Set.of() : java.util.Set.copyOf(trustedClients);
        }

        public String issuer() {
            return url + "/realms/" + realm;
        }
    }

    @Override
    public String toString() {
        return "AuthProperties[issuer=" + issuer + "]";
    }
}
