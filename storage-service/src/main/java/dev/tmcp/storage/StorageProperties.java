package dev.tmcp.storage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param masterKeys {@code version:base64Key} pairs, newest first (a secret: never logged)
 * @param purgeInterval how often expired keys are deleted
 * @param reencryptInterval how often values under older master keys are re-encrypted
 */
@ConfigurationProperties("tmcp.storage")
public record StorageProperties(String masterKeys, Duration purgeInterval, Duration reencryptInterval) {

    @Override
    public String toString() {
        return "StorageProperties[purge=" + purgeInterval + ", reencrypt=" + reencryptInterval + "]";
    }
}
