package dev.tmcp.bridge.registration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegistrationFileTest {

    @Test
    void declaresTheSpecsNamespacesExclusivelyAndNoRateLimit() {
        String yaml = RegistrationFile.yaml("tween-miniapps", "http://127.0.0.1:8086", "as-secret", "hs-secret", "_tmcp",
                "tween.example");

        assertThat(yaml).contains("id: \"tween-miniapps\"", "url: \"http://127.0.0.1:8086\"", "as_token: \"as-secret\"",
                "hs_token: \"hs-secret\"", "sender_localpart: \"_tmcp\"", "rate_limited: false");
        assertThat(yaml).contains("regex: \"@_tmcp.*:tween\\\\.example\"", "regex: \"@ma_.*:tween\\\\.example\"",
                "regex: \"#_tmcp_.*:tween\\\\.example\"");
        assertThat(yaml.split("exclusive: true", -1)).hasSize(4);
    }
}
