package dev.tmcp.bridge;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param id Application Service id
 * @param url where the homeserver reaches this bridge
 * @param asToken token the bridge presents to the homeserver
 * @param hsToken token the homeserver presents to the bridge
 * @param senderLocalpart the AS sender (the system bot)
 * @param registrationSharedSecret homeserver shared secret, used to create the bridge's admin account
 */
@ConfigurationProperties("tmcp.bridge")
public record BridgeProperties(String id, String url, String asToken, String hsToken, String senderLocalpart,
        String homeserverUrl, String serverName, String registrationSharedSecret) {

    public BridgeProperties {
        if (asToken == null || asToken.isBlank() || hsToken == null || hsToken.isBlank()) {
            throw new IllegalStateException("TMCP_AS_TOKEN and TMCP_HS_TOKEN must be set");
        }
    }

    public String userId(String localpart) {
        return "@" + localpart + ":" + serverName;
    }

    @Override
    public String toString() {
        return "BridgeProperties[id=" + id + ", url=" + url + ", homeserver=" + homeserverUrl + "]";
    }
}
