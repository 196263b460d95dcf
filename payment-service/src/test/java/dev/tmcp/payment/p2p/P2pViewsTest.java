package dev.tmcp.payment.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.core.id.WalletId;
import dev.tmcp.core.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Decision 0026: the recipient's wallet id only once the payer's proof was accepted. */
class P2pViewsTest {

    @Test
    void anInitiatedTransferNamesTheRecipientByUserIdOnly() {
        Map<String, Object> body = P2pViews.initiated(transfer(P2pStatus.PENDING_AUTHORIZATION), List.of("pin"));

        assertThat(body.get("recipient")).isEqualTo(Map.of("user_id", "@bob:localhost"));
    }

    @Test
    void aTransferStillAwaitingTheProofReadsTheSame() {
        assertThat(P2pViews.of(transfer(P2pStatus.PENDING_AUTHORIZATION)).get("recipient"))
                .isEqualTo(Map.of("user_id", "@bob:localhost"));
    }

    @Test
    void aConfirmedTransferShowsTheRecipientsWalletAsSpec724Does() {
        assertThat(P2pViews.of(transfer(P2pStatus.COMPLETED)).get("recipient"))
                .isEqualTo(Map.of("user_id", "@bob:localhost", "wallet_id", "tw_bob"));
    }

    private static P2pTransfer transfer(P2pStatus status) {
        return new P2pTransfer("p2p_1", "k", "h", "@alice:localhost", "@bob:localhost", Money.ofMinor(500, "USD"), null,
                null, status, null, new WalletId("tw_bob"), null, null, Instant.parse("2026-01-01T00:00:00Z"), false, "active", null,
                null, null, null, null);
    }
}
