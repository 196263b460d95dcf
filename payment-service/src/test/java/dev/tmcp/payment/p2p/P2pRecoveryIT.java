package dev.tmcp.payment.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.payment.it.Http;
import dev.tmcp.payment.it.PaymentServiceOnStubs;
import dev.tmcp.payment.it.StubWalletAndBridge;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Transfers left in an intermediate state with no client ever calling again (ADR 0037): what a
 * crash after the wallet committed leaves behind is made by hand in the stub wallet's ledger
 * ({@link StubWalletAndBridge}, which keeps balances), and the recovery is run directly instead of
 * waiting for its tick. Events are asserted as outbox rows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tmcp.outbox.relay.enabled=false", "tmcp.payment.gift.jobs-enabled=false",
        "tmcp.payment.p2p.settlement-interval=1h", "tmcp.payment.recovery-interval=1h",
        "tmcp.payment.p2p.authorization-deadline=10m", "tmcp.payment.p2p.recovery-grace=1m",
        "tmcp.payment.p2p.capture-attempts=2"})
class P2pRecoveryIT {

    static final StubWalletAndBridge STUB = new StubWalletAndBridge();
    static final String ALICE = "@rec_alice_" + UUID.randomUUID().toString().substring(0, 8) + ":localhost";
    static final String BOB = "@rec_bob_" + UUID.randomUUID().toString().substring(0, 8) + ":localhost";
    static final String ALICE_TEP = STUB.tep(ALICE, "ma_recovery_it", null);

    static {
        STUB.fund(ALICE, "100.00");
        STUB.fund(BOB, "1.00");
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        PaymentServiceOnStubs.infrastructure(registry, STUB);
    }

    @AfterAll
    static void stop() {
        STUB.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    P2pRecovery recovery;
    @Autowired
    P2pAcceptance acceptance;
    @Autowired
    DatabaseClient db;

    @Test
    void anUnconfirmedTransferWhoseHoldLandedAwaitsAcceptanceWithOneCard() {
        String id = initiate("7.00");
        long before = STUB.balanceMinor(ALICE);
        // the confirmation's hold committed in the wallet, its answer never came back
        holdAtTheWallet(id, "7.00");
        db.sql("update p2p_transfer set acceptance_required = true, created_at = now() - interval '20 minutes' "
                + "where transfer_id = :id").bind("id", id).fetch().rowsUpdated().block();

        recovery.resolveUnconfirmed().block();
        recovery.resolveUnconfirmed().block();

        assertThat(status(id)).isEqualTo("pending_recipient_acceptance");
        assertThat(events(id, "p2p.completed")).isEqualTo(1);
        assertThat(STUB.balanceMinor(ALICE)).isEqualTo(before - 700);
    }

    @Test
    void anUnconfirmedTransferThatMovedNothingExpiresWithOneStatusEvent() {
        String id = initiate("3.00");
        long before = STUB.balanceMinor(ALICE);
        age(id);

        recovery.resolveUnconfirmed().block();
        recovery.resolveUnconfirmed().block();

        assertThat(status(id)).isEqualTo("expired");
        assertThat(events(id, "p2p.status_changed")).isEqualTo(1);
        assertThat(events(id, "p2p.completed")).isZero();
        assertThat(STUB.calls()).as("the wallet was asked whether the transfer moved")
                .extracting(StubWalletAndBridge.Call::path).contains("/internal/v1/transfers?reference=" + id);
        assertThat(STUB.balanceMinor(ALICE)).isEqualTo(before);
    }

    @Test
    void aConfirmationAfterTheDeadlineIsRefusedWithoutMovingMoney() {
        String id = initiate("2.00");
        age(id);
        long before = STUB.balanceMinor(ALICE);

        Http.Response late = Http.post(url("/wallet/v1/p2p/" + id + "/confirm"), Http.bearer(ALICE_TEP),
                Map.of("auth_proof", StubWalletAndBridge.pinProof(StubWalletAndBridge.PIN)));

        assertThat(late.status()).isEqualTo(400);
        assertThat(late.code()).isEqualTo("TRANSFER_EXPIRED");
        assertThat(STUB.balanceMinor(ALICE)).isEqualTo(before);
    }

    @Test
    void anAcceptanceWhoseCaptureTheWalletKeepsRefusingReturnsTheMoneyAfterBoundedAttempts() {
        String id = initiate("6.00");
        long before = STUB.balanceMinor(ALICE);
        String hold = holdAtTheWallet(id, "5.00");
        // accepted, but the capture can never succeed: it asks for more than the hold has
        db.sql("update p2p_transfer set acceptance_required = true, status = 'accepting', hold_id = :hold, "
                        + "decided_at = now() - interval '1 minute' where transfer_id = :id")
                .bind("hold", hold).bind("id", id).fetch().rowsUpdated().block();

        acceptance.settleStuck().block();
        assertThat(status(id)).isEqualTo("accepting");
        acceptance.settleStuck().block();
        acceptance.settleStuck().block();

        assertThat(status(id)).isEqualTo("rejected");
        assertThat(db.sql("select reject_reason from p2p_transfer where transfer_id = :id").bind("id", id)
                .map(r -> r.get("reject_reason", String.class)).one().block()).isEqualTo("capture_refused");
        assertThat(events(id, "p2p.status_changed")).isEqualTo(1);
        assertThat(STUB.balanceMinor(ALICE)).isEqualTo(before);
    }

    private String initiate(String amount) {
        Http.Response initiated = Http.post(url("/wallet/v1/p2p/initiate"), Http.bearer(ALICE_TEP),
                Map.of("recipient", BOB, "amount", new BigDecimal(amount), "currency", "USD",
                        "idempotency_key", "rec-" + UUID.randomUUID()));
        assertThat(initiated.status()).as("%s", initiated.body()).isEqualTo(200);
        return initiated.text("transfer_id");
    }

    private String holdAtTheWallet(String transferId, String amount) {
        Http.Response hold = Http.post(STUB.url() + "/internal/v1/holds", Http.bearer(ALICE_TEP), Map.of("reference", "p2p:" + transferId, "amount", new BigDecimal(amount),
                        "currency", "USD", "purpose", "p2p"));
        assertThat(hold.status()).as("%s", hold.body()).isEqualTo(200);
        return hold.text("hold_id");
    }

    private void age(String transferId) {
        db.sql("update p2p_transfer set created_at = now() - interval '20 minutes' where transfer_id = :id")
                .bind("id", transferId).fetch().rowsUpdated().block();
    }

    private String status(String transferId) {
        return db.sql("select status from p2p_transfer where transfer_id = :id").bind("id", transferId)
                .map(r -> r.get("status", String.class)).one().block();
    }

    private long events(String transferId, String type) {
        return db.sql("select count(*) as n from outbox_event where event_key = :key and payload like :type")
                .bind("key", transferId).bind("type", "%\"type\":\"" + type + "\"%")
                .map(r -> ((Number) r.get("n")).longValue()).one().block();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
