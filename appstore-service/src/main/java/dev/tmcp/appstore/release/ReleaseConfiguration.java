package dev.tmcp.appstore.release;

import java.util.Base64;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ReleaseConfiguration {

    /** The service does not start without a valid signing key: an unsigned update is never offered. */
    @Bean
    BundleSigner bundleSigner(ReleaseProperties properties) {
        String key = properties.signingKey();
        if (key == null || key.isBlank()) {
            throw new IllegalStateException("TMCP_BUNDLE_SIGNING_KEY is required: base64 of an Ed25519 private key "
                    + "in PKCS#8 DER (openssl genpkey -algorithm ed25519 -outform DER | base64 -w0)");
        }
        return new BundleSigner(Base64.getDecoder().decode(key.trim()));
    }
}
