package dev.tmcp.payment.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.payment.it.PaymentServiceOnStack;
import dev.tmcp.payment.it.StackHttp;
import dev.tmcp.payment.it.StackUsers;
import dev.tmcp.payment.it.StackUsers.User;
import dev.tmcp.payment.it.StackUsers.Via;
import dev.tmcp.test.StackEnv;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Transfers left in an intermediate state with no client ever calling again (ADR 0037): what a
 * crash after the wallet committed leaves behind is made by hand on the stack's real ledger, and the
 * recovery is run directly instead of waiting for its tick. Events are asserted as outbox rows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tmcp.outbox.relay.enabled=false", "tmcp.payment.gift.jobs-enabled=false",
        "tmcp.payment.p2p.settlement-interval=1h", "tmcp.payment.recovery-interval=1h",
        "tmcp.payment.p2p.authorization-deadline=10m", "tmcp.payment.p2p.recovery-grace=1m",
        "tmcp.payment.p2p.capture-attempts=2",
        "tmcp.payment.wallet-callback-secret=p2p-recovery-it-callback-secret-0123"})
class P2pRecoveryIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        PaymentServiceOnStack.infrastructure(registry);
        registry.add("tmcp.tep.jwks-uri", () -> StackEnv.get("AUTH_SERVICE_URL") + "/.well-known/jwks.json");
        registry.add("tmcp.tep.issuer", () -> StackEnv.get("TMCP_ISSUER"));
    }

    static User alice;
    static User bob;

    @LocalServerPort
    int port;
    @Autowired
    P2pRecovery recovery;
    @Autowired
    P2pAcceptance acceptance;
    @Autowired
    DatabaseClient db;

    @BeforeAll
    static void users() {
        String app = StackEnv.get("DEMO_MINIAPP_CLIENT_ID");
        alice = StackUsers.funded(Via.SERVICES, app, "rec_alice", new BigDecimal("100.00"));
        bob = StackUsers.funded(Via.SERVICES, app, "rec_bob", new BigDecimal("1.00"));
    }

    @Test
    void anUnconfirmedTransferWhoseHoldLandedAwaitsAcceptanceWithOneCard() throws Exception {
        String id = initiate("7.00");
        long before = StackUsers.balanceMinor(alice.userId());
        // the confirmation's hold committed in the wallet, its answer never came back
        holdAtTheWallet(id, "7.00");
        db.sql("update p2p_transfer set acceptance_required = true, created_at = now() - interval '20 minutes' "
                + "where transfer_id = :id").bind("id", id).fetch().rowsUpdated().block();

        recovery.resolveUnconfirmed().block();
        recovery.resolveUnconfirmed().block();

        assertThat(status(id)).isEqualTo("pending_recipient_acceptance");
        assertThat(events(id, "p2p.completed")).isEqualTo(1);
        assertThat(StackUsers.balanceMinor(alice.userId())).isEqualTo(before - 700);
    }

    @Test
    void anUnconfirmedTransferThatMovedNothingExpiresWithOneStatusEvent() throws Exception {
        String id = initiate("3.00");
        long before = StackUsers.balanceMinor(alice.userId());
        age(id);
        // asked by hold: the stack's wallet-adapter (main's code) has no transfer lookup yet; P2pRecoveryTest covers it
        db.sql("update p2p_transfer set acceptance_required = true where transfer_id = :id").bind("id", id)
                .fetch().rowsUpdated().block();

        recovery.resolveUnconfirmed().block();
        recovery.resolveUnconfirmed().block();

        assertThat(status(id)).isEqualTo("expired");
        assertThat(events(id, "p2p.status_changed")).isEqualTo(1);
        assertThat(events(id, "p2p.completed")).isZero();
        assertThat(StackUsers.balanceMinor(alice.userId())).isEqualTo(before);
    }

    @Test
    void aConfirmationAfterTheDeadlineIsRefusedWithoutMovingMoney() throws Exception {
        String id = initiate("2.00");
        age(id);
        long before = StackUsers.balanceMinor(alice.userId());

        StackHttp.Response late = StackHttp.post(url("/wallet/v1/p2p/" + id + "/confirm"), StackHttp.bearer(alice.tep()),
                Map.of("auth_proof", Map.of("method", "pin", "proof", Map.of("hashed_pin", StackUsers.hashedPin(StackUsers.PIN)))));

        assertThat(late.status()).isEqualTo(400);
        assertThat(late.code()).isEqualTo("TRANSFER_EXPIRED");
        assertThat(StackUsers.balanceMinor(alice.userId())).isEqualTo(before);
    }

    @Test
    void anAcceptanceWhoseCaptureTheWalletKeepsRefusingReturnsTheMoneyAfterBoundedAttempts() throws Exception {
        String id = initiate("6.00");
        long before = StackUsers.balanceMinor(alice.userId());
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
        assertThat(StackUsers.balanceMinor(alice.userId())).isEqualTo(before);
    }

    private String initiate(String amount) {
        StackHttp.Response initiated = StackHttp.post(url("/wallet/v1/p2p/initiate"), StackHttp.bearer(alice.tep()),
                Map.of("recipient", bob.userId(), "amount", new BigDecimal(amount), "currency", "USD",
                        "idempotency_key", "rec-" + UUID.randomUUID()));
        assertThat(initiated.status()).as("%s", initiated.body()).isEqualTo(200);
        return initiated.text("transfer_id");
    }

    private String holdAtTheWallet(String transferId, String amount) {
        StackHttp.Response hold = StackHttp.post(StackEnv.get("WALLET_ADAPTER_URL") + "/internal/v1/holds",
                StackHttp.bearer(alice.tep()), Map.of("reference", "p2p:" + transferId, "amount", new BigDecimal(amount),
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
