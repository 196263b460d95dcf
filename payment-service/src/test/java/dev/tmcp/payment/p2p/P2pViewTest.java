package dev.tmcp.payment.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude.Include;
import dev.tmcp.core.id.WalletId;
import dev.tmcp.core.money.Money;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transfer answers as JSON, with the mapper settings of tmcp-defaults.yml (snake_case, nulls
 * left out). Decision 0026: the recipient's wallet id only once the payer's proof was accepted.
 */
class P2pViewTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(i -> i.withValueInclusion(Include.NON_NULL).withContentInclusion(Include.NON_NULL))
            .build();

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant DECIDED = Instant.parse("2026-01-01T00:01:30.250Z");

    @Test
    void anInitiatedTransferNamesTheRecipientByUserIdOnly() {
        P2pView view = P2pView.initiated(transfer(P2pStatus.PENDING_AUTHORIZATION), List.of("pin"));

        assertThat(view.recipient()).isEqualTo(new P2pView.Party("@bob:localhost", null));
        assertThat(JSON.writeValueAsString(view)).isEqualTo("{\"transfer_id\":\"p2p_1\",\"status\":\"pending_authorization\","
                + "\"recipient_acceptance_required\":false,\"amount\":5.00,\"currency\":\"USD\","
                + "\"sender\":{\"user_id\":\"@alice:localhost\"},\"recipient\":{\"user_id\":\"@bob:localhost\"},"
                + "\"timestamp\":\"2026-01-01T00:00:00Z\",\"available_methods\":[\"pin\"]}");
    }

    @Test
    void aTransferStillAwaitingTheProofReadsTheSame() {
        assertThat(P2pView.of(transfer(P2pStatus.PENDING_AUTHORIZATION)).recipient())
                .isEqualTo(new P2pView.Party("@bob:localhost", null));
    }

    @Test
    void aConfirmedTransferShowsTheRecipientsWalletAsSpec724Does() {
        assertThat(JSON.writeValueAsString(P2pView.of(transfer(P2pStatus.COMPLETED)).recipient()))
                .isEqualTo("{\"user_id\":\"@bob:localhost\",\"wallet_id\":\"tw_bob\"}");
    }

    @Test
    void aReadTransferAwaitingTheRecipientHasItsRoomNoteEventExpiryAndMatrixEvent() {
        P2pTransfer t = new P2pTransfer("p2p_2", "k", "h", "@alice:localhost", "@bob:localhost",
                Money.ofMinor(1250, "USD"), "!room:localhost", "lunch", P2pStatus.PENDING_RECIPIENT_ACCEPTANCE,
                new WalletId("tw_alice"), new WalletId("tw_bob"), null, "evt_1", CREATED, true, "active", "hold_1",
                Instant.parse("2026-01-02T00:00:00Z"), null, null, null);

        assertThat(JSON.writeValueAsString(P2pView.of(t).withMatrixEventId("$m1")))
                .isEqualTo("{\"transfer_id\":\"p2p_2\",\"status\":\"pending_recipient_acceptance\","
                        + "\"recipient_acceptance_required\":true,\"amount\":12.50,\"currency\":\"USD\","
                        + "\"sender\":{\"user_id\":\"@alice:localhost\",\"wallet_id\":\"tw_alice\"},"
                        + "\"recipient\":{\"user_id\":\"@bob:localhost\",\"wallet_id\":\"tw_bob\"},"
                        + "\"room_id\":\"!room:localhost\",\"note\":\"lunch\",\"timestamp\":\"2026-01-01T00:00:00Z\","
                        + "\"event_id\":\"evt_1\",\"expires_at\":\"2026-01-02T00:00:00Z\",\"matrix_event_id\":\"$m1\"}");
    }

    @Test
    void anAcceptedTransferAnswersTheRecipientAndWhen() {
        assertThat(JSON.writeValueAsString(P2pView.Accepted.of(decided(P2pStatus.ACCEPTING))))
                .isEqualTo("{\"transfer_id\":\"p2p_1\",\"status\":\"completed\",\"amount\":5.00,\"currency\":\"USD\","
                        + "\"recipient\":{\"user_id\":\"@bob:localhost\",\"wallet_id\":\"tw_bob\"},"
                        + "\"accepted_at\":\"2026-01-01T00:01:30.250Z\"}");
    }

    @Test
    void aRejectedTransferAnnouncesTheRefund() {
        assertThat(JSON.writeValueAsString(P2pView.Rejected.of(decided(P2pStatus.REJECTING))))
                .isEqualTo("{\"transfer_id\":\"p2p_1\",\"status\":\"rejected\",\"rejected_at\":\"2026-01-01T00:01:30.250Z\","
                        + "\"refund_initiated\":true,\"refund_expected_at\":\"2026-01-01T00:01:30.250Z\"}");
    }

    private static P2pTransfer transfer(P2pStatus status) {
        return new P2pTransfer("p2p_1", "k", "h", "@alice:localhost", "@bob:localhost", Money.ofMinor(500, "USD"), null,
                null, status, null, new WalletId("tw_bob"), null, null, CREATED, false, "active", null,
                null, null, null, null);
    }

    private static P2pTransfer decided(P2pStatus status) {
        return new P2pTransfer("p2p_1", "k", "h", "@alice:localhost", "@bob:localhost", Money.ofMinor(500, "USD"), null,
                null, status, null, new WalletId("tw_bob"), null, null, CREATED, true, "active", null,
                null, DECIDED, null, null);
    }
}
