package dev.tmcp.appstore.registration;

import java.util.Base64;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param secretKey base64 of a 32-byte AES key ({@code TMCP_APPSTORE_SECRET_KEY}) that encrypts
 *     webhook secrets at rest; required
 */
@ConfigurationProperties("tmcp.appstore.registration")
record RegistrationProperties(String secretKey) {

    RegistrationProperties {
        byte[] raw;
        try {
            raw = secretKey == null ? new byte[0] : Base64.getDecoder().decode(secretKey.trim());
        } catch (IllegalArgumentException e) {
            raw = new byte[0];
        }
        if (raw.length != 32) {
            throw new IllegalStateException("TMCP_APPSTORE_SECRET_KEY must be set (base64 of 32 random bytes)");
        }
    }

    @Override
    public String toString() {
        return "RegistrationProperties[secretKey=***]";
    }
}
