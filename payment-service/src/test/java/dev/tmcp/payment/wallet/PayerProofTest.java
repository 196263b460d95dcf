package dev.tmcp.payment.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a device signature covers: the flow's prefix, the amount as rendered, the currency and the signed timestamp. */
class PayerProofTest {

    @Test
    void aGiftSignatureCoversItsKeyAmountCurrencyAndTimestamp() {
        PayerProof proof = new PayerProof("biometric", Map.of("signature", "c2ln", "device_id", "d1",
                "timestamp", "2026-12-04T17:00:00Z"));

        WalletClient.AuthProof signed = proof.signing("gift:key-1", "5.00", "USD");

        assertThat(signed.message()).isEqualTo("gift:key-1:5.00:USD:2026-12-04T17:00:00Z");
        assertThat(signed.method()).isEqualTo("biometric");
        assertThat(signed.proof()).isSameAs(proof.proof());
    }

    @Test
    void itsTextNamesTheMethodOnly() {
        assertThat(new PayerProof("pin", Map.of("hashed_pin", "ab12")).toString()).isEqualTo("PayerProof[pin]");
    }
}
