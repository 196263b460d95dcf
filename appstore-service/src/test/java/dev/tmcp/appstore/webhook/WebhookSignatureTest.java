package dev.tmcp.appstore.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The documented signed string: {@code <timestamp>.<body>} under HMAC-SHA256 (decision 0042). */
class WebhookSignatureTest {

    private static final byte[] BODY = "{\"event\":\"payment.completed\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void isTheHmacOfTimestampDotBody() {
        // openssl: printf '1735689600.{"event":"payment.completed"}' | openssl dgst -sha256 -hmac whsec_test
        assertThat(WebhookSignature.of("whsec_test", 1735689600L, BODY))
                .isEqualTo("sha256=c2bfa824a726d525686352745c038d39c2e9c30c1c1139f51b3b6a3057784433");
    }

    @Test
    void anotherTimestampGivesAnotherSignature() {
        assertThat(WebhookSignature.of("whsec_test", 1735689600L, BODY))
                .isNotEqualTo(WebhookSignature.of("whsec_test", 1735689601L, BODY));
    }

    @Test
    void anotherSecretGivesAnotherSignature() {
        assertThat(WebhookSignature.of("whsec_test", 1735689600L, BODY))
                .isNotEqualTo(WebhookSignature.of("whsec_other", 1735689600L, BODY));
    }

    @Test
    void duringARotationTheHeaderListsTheNewSignatureFirstThenThePrevious() {
        assertThat(WebhookSignature.header(java.util.List.of("whsec_new", "whsec_test"), 1735689600L, BODY))
                .isEqualTo(WebhookSignature.of("whsec_new", 1735689600L, BODY)
                        + ", sha256=c2bfa824a726d525686352745c038d39c2e9c30c1c1139f51b3b6a3057784433");
    }
}
