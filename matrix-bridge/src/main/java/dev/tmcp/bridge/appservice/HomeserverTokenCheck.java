package dev.tmcp.bridge.appservice;

import dev.tmcp.bridge.BridgeProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.stereotype.Component;

/** Compares the homeserver's token in constant time. */
@Component
class HomeserverTokenCheck {

    private final byte[] expected;

    HomeserverTokenCheck(BridgeProperties properties) {
        this.expected = properties.hsToken().getBytes(StandardCharsets.UTF_8);
    }

    boolean matches(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(expected, authorization.substring(7).getBytes(StandardCharsets.UTF_8));
    }
}
