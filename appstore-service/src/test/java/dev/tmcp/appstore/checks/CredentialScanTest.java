package dev.tmcp.appstore.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialScanTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "our backend uses whsec_4f8a9c0d1e2f3a4b5c6d7e8f",
            "key AKIAIOSFODNN7EXAMPLE for uploads",
            "-----BEGIN RSA PRIVATE KEY----- MIIE",
            "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig",
            "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
            "ghp_abcdefghijklmnopqrstuvwxyz0123456789"})
    void findsSecretsByTheirShape(String description) {
        assertThat(CredentialScan.findings(Map.of("description", description)))
                .extracting(CheckReport.Warning::type).containsExactly("HARDCODED_CREDENTIAL");
    }

    @Test
    void findsCredentialsInUrls() {
        assertThat(CredentialScan.findings(Map.of("entry_url", "https://shop.example.com/app?api_key=abc123")))
                .extracting(CheckReport.Warning::type).containsExactly("CREDENTIAL_IN_URL");
        assertThat(CredentialScan.findings(Map.of("webhook_url", "https://user:pass@api.example.com/hook")))
                .extracting(CheckReport.Warning::field).containsExactly("webhook_url");
    }

    @Test
    void ordinaryTextAndUrlsAreClean() {
        assertThat(CredentialScan.findings(Map.of("description", "A coffee shop: order ahead, secret menu inside",
                "entry_url", "https://shop.example.com/app?lang=en&page=2", "name", "Secret Garden"))).isEmpty();
    }
}
