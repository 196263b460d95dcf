package dev.tmcp.appstore.release;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Releases ({@code tmcp.appstore.releases.*}).
 *
 * @param signingKey base64 of the platform's Ed25519 private key in PKCS#8 DER; required
 * @param maxBundleSize the largest bundle the platform downloads and signs
 * @param fetchTimeout the longest a bundle download may take
 * @param allowPrivateAddresses fetch bundles from loopback and private addresses (the local profile only)
 * @param allowHttp fetch bundles over plain http (the local profile only)
 */
@ConfigurationProperties("tmcp.appstore.releases")
public record ReleaseProperties(String signingKey, DataSize maxBundleSize, Duration fetchTimeout,
        boolean allowPrivateAddresses, boolean allowHttp) {

    public ReleaseProperties {
        maxBundleSize = maxBundleSize == null ? DataSize.ofMegabytes(50) : maxBundleSize;
        fetchTimeout = fetchTimeout == null ? Duration.ofSeconds(60) : fetchTimeout;
    }
}
