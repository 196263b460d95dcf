package dev.tmcp.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.payment.it.Http;
import dev.tmcp.payment.it.PaymentServiceOnStubs;
import dev.tmcp.payment.it.StubWalletAndBridge;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 11 (decision 0026): no money moves without the payer's proof, events go only to rooms the
 * payer is in, a stranger learns nothing, and no client text yields a 5xx. This service runs
 * in-process on its own fresh database; wallet-adapter, matrix-bridge and auth-service's JWKS are
 * stubbed at the HTTP level ({@link StubWalletAndBridge}), which records every money call.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tmcp.outbox.relay.enabled=false", "tmcp.payment.gift.jobs-enabled=false",
        "tmcp.payment.p2p.settlement-interval=1h", "tmcp.payment.recovery-interval=1h"})
class PayerTrustIT {

    static final StubWalletAndBridge STUB = new StubWalletAndBridge();
    static final String APP = "ma_trust_it";

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

    // --- every gift carries the payer's proof -------------------------------------------------

    @Test
    void aGiftWithoutAProofIsRefusedAndHoldsNothing() {
        Party alice = party();
        Map<String, Object> gift = individualGift(party().user, null);
        gift.remove("auth_proof");

        Http.Response refused = post("/wallet/v1/gift/create", alice, gift);

        assertThat(refused.status()).as("%s", refused.body()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("INVALID_REQUEST");
        assertThat(moneyCallsOf(alice)).isEmpty();
    }

    @Test
    void aGiftWithAWrongPinHoldsNothingAndItsKeyCanBeUsedAgain() {
        Party alice = party();
        String room = room(alice);
        Map<String, Object> gift = groupGift(room, pin("000000"));

        Http.Response wrong = post("/wallet/v1/gift/create", alice, gift);
        assertThat(wrong.status()).as("%s", wrong.body()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo("INVALID_PIN");
        assertThat(moneyCallsOf(alice)).isEmpty();

        gift.put("auth_proof", pin(StubWalletAndBridge.PIN));
        Http.Response right = post("/wallet/v1/gift/create", alice, gift);
        assertThat(right.status()).as("%s", right.body()).isEqualTo(200);
    }

    @Test
    void theProofIsVerifiedBeforeTheHoldAndAFundedGiftIsReturnedWithoutAnother() {
        Party alice = party();
        Map<String, Object> gift = individualGift(party().user, pin(StubWalletAndBridge.PIN));

        Http.Response first = post("/wallet/v1/gift/create", alice, gift);
        Http.Response again = post("/wallet/v1/gift/create", alice, gift);

        assertThat(first.status()).as("%s", first.body()).isEqualTo(200);
        assertThat(again.text("gift_id")).isEqualTo(first.text("gift_id"));
        List<StubWalletAndBridge.Call> calls = STUB.walletCallsOf(alice.user);
        assertThat(calls).extracting(c -> c.method() + " " + c.path())
                .containsExactly("POST /internal/v1/auth/verify", "POST /internal/v1/holds");
        assertThat(calls.get(0).body().path("message").asString()).as("what a device signature covers").isEqualTo("gift:" + gift.get("idempotency_key") + ":5.00:USD:null");
    }

    // --- rooms belong to their members --------------------------------------------------------

    @Test
    void aTransferIntoARoomThePayerIsNotInIsRefusedBeforeTheWalletIsAsked() {
        Party alice = party();
        Party bob = party();
        String foreign = room(bob);

        Http.Response refused = post("/wallet/v1/p2p/initiate", alice, transfer(bob.user, foreign, "lunch"));

        assertThat(refused.status()).as("%s", refused.body()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("NO_SHARED_ROOM");
        assertThat(walletCallsOf(alice)).isEmpty();
    }

    @Test
    void aTransferFromAMiniAppLaunchedInAForeignRoomIsRefused() {
        Party bob = party();
        Party alice = party(room(bob));

        Http.Response refused = post("/wallet/v1/p2p/initiate", alice, transfer(bob.user, null, "lunch"));

        assertThat(refused.status()).as("%s", refused.body()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("NO_SHARED_ROOM");
    }

    @Test
    void aGiftFromAMiniAppLaunchedInAForeignRoomIsRefusedAndHoldsNothing() {
        Party bob = party();
        Party alice = party(room(bob));

        Http.Response refused = post("/wallet/v1/gift/create", alice, individualGift(bob.user, pin(StubWalletAndBridge.PIN)));

        assertThat(refused.status()).as("%s", refused.body()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("NO_SHARED_ROOM");
        assertThat(moneyCallsOf(alice)).isEmpty();
    }

    @Test
    void aPaymentFromAMiniAppLaunchedInAForeignRoomIsRefused() {
        Party bob = party();
        Party alice = party(room(bob));

        Http.Response refused = post("/api/v1/payments/request", alice, payment("Coffee"));

        assertThat(refused.status()).as("%s", refused.body()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("NO_SHARED_ROOM");
    }

    @Test
    void aTransferIntoTheLaunchRoomOfAMemberIsInitiated() {
        Party alice = party();
        Party bob = party();
        String room = room(alice);
        STUB.join(room, bob.user);

        Http.Response initiated = post("/wallet/v1/p2p/initiate", party(alice, room), transfer(bob.user, null, "lunch"));

        assertThat(initiated.status()).as("%s", initiated.body()).isEqualTo(200);
        assertThat(initiated.text("room_id")).isEqualTo(room);
    }

    // --- a stranger learns nothing ------------------------------------------------------------

    @Test
    void initiateDoesNotShowTheRecipientsWalletId() {
        Party alice = party();
        String stranger = party().user;

        Http.Response initiated = post("/wallet/v1/p2p/initiate", alice, transfer(stranger, null, null));
        Http.Response read = get("/wallet/v1/p2p/" + initiated.text("transfer_id"), alice);

        assertThat(initiated.status()).as("%s", initiated.body()).isEqualTo(200);
        assertThat(initiated.body().path("recipient").path("user_id").asString()).isEqualTo(stranger);
        assertThat(initiated.body().toString()).doesNotContain(STUB.walletIdOf(stranger));
        assertThat(read.body().toString()).doesNotContain(STUB.walletIdOf(stranger));
    }

    @Test
    void aStrangerCannotReadAGift() {
        Party alice = party();
        String giftId = post("/wallet/v1/gift/create", alice, groupGift(room(alice), pin(StubWalletAndBridge.PIN))).text("gift_id");

        Http.Response read = get("/wallet/v1/gift/" + giftId, party());

        assertThat(read.status()).as("%s", read.body()).isEqualTo(404);
        assertThat(read.code()).isEqualTo("GIFT_NOT_FOUND");
    }

    @Test
    void theSenderRoomMembersAndTheRecipientCanReadAGift() {
        Party alice = party();
        Party member = party();
        Party recipient = party();
        String room = room(alice);
        STUB.join(room, member.user);
        String group = post("/wallet/v1/gift/create", alice, groupGift(room, pin(StubWalletAndBridge.PIN))).text("gift_id");
        String individual = post("/wallet/v1/gift/create", alice, individualGift(recipient.user, pin(StubWalletAndBridge.PIN))).text("gift_id");

        assertThat(get("/wallet/v1/gift/" + group, alice).status()).isEqualTo(200);
        assertThat(get("/wallet/v1/gift/" + group, member).status()).isEqualTo(200);
        assertThat(get("/wallet/v1/gift/" + individual, recipient).status()).isEqualTo(200);
    }

    // --- no client text yields a 5xx ----------------------------------------------------------

    @Test
    void aNulInATransferNoteIsAnInvalidRequest() {
        Http.Response response = postRaw("/wallet/v1/p2p/initiate", party(), "{\"recipient\":\"" + party().user
                + "\",\"amount\":1.00,\"currency\":\"USD\",\"idempotency_key\":\"k-" + UUID.randomUUID()
                + "\",\"note\":\"lunch\\u0000\"}");

        assertThat(response.status()).as("%s", response.body()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void aNulInAGiftMessageIsAnInvalidRequest() {
        Http.Response response = postRaw("/wallet/v1/gift/create", party(), "{\"type\":\"individual\",\"recipient\":\""
                + party().user + "\",\"amount\":1.00,\"currency\":\"USD\",\"idempotency_key\":\"k-" + UUID.randomUUID()
                + "\",\"message\":\"hi\\u0000\",\"auth_proof\":{\"method\":\"pin\",\"proof\":{\"hashed_pin\":\"00\"}}}");

        assertThat(response.status()).as("%s", response.body()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("INVALID_REQUEST");
        assertThat(response.body().path("error").path("message").asString()).contains("control characters");
    }

    @Test
    void aNulInAPaymentDescriptionIsAnInvalidRequest() {
        Http.Response response = postRaw("/api/v1/payments/request", party(), "{\"amount\":1.00,\"currency\":\"USD\","
                + "\"description\":\"coffee\\u0000\",\"idempotency_key\":\"k-" + UUID.randomUUID() + "\"}");

        assertThat(response.status()).as("%s", response.body()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void aNulInAPathIsAnInvalidRequest() {
        Http.Response response = get("/wallet/v1/gift/gift_%00", party());

        assertThat(response.status()).as("%s", response.body()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void itemsWhoseTotalOverflowsAreAnInvalidAmount() {
        Map<String, Object> body = payment("Bulk");
        body.put("items", List.of(Map.of("item_id", "i1", "name", "x", "quantity", Integer.MAX_VALUE,
                "unit_price", new BigDecimal("99999999999.00"))));

        Http.Response response = post("/api/v1/payments/request", party(), body);

        assertThat(response.status()).as("%s", response.body()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("INVALID_AMOUNT");
    }

    @Test
    void aLaunchRoomThatIsNotTextIsAnInvalidRequest() {
        Party alice = party();
        Party launchedOddly = new Party(alice.user, STUB.tep(alice.user, APP, 42), alice.marker);

        Http.Response response = post("/wallet/v1/p2p/initiate", launchedOddly, transfer(party().user, null, null));

        assertThat(response.status()).as("%s", response.body()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void aMalformedBasicCredentialIsAnInvalidClient() {
        Http.Response response = Http.get(url("/api/v1/payments/pay_x"),
                "Basic " + java.util.Base64.getEncoder().encodeToString("%zz:x".getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(response.status()).as("%s", response.body()).isEqualTo(401);
        assertThat(response.body().path("error").asString()).isEqualTo("invalid_client");
    }

    // --- helpers -------------------------------------------------------------------------------

    /** A user and its TEP. */
    record Party(String user, String tep, String marker) {
    }

    private static Party party() {
        return party((String) null);
    }

    /** A user with funds in the stub wallet and a TEP launched in {@code launchRoom}. */
    private static Party party(String launchRoom) {
        String marker = "trust_" + UUID.randomUUID().toString().substring(0, 8);
        String user = "@" + marker + ":localhost";
        STUB.fund(user, "100.00");
        return new Party(user, STUB.tep(user, APP, launchRoom), marker);
    }

    /** The same user with a TEP launched in {@code launchRoom}. */
    private static Party party(Party who, String launchRoom) {
        return new Party(who.user, STUB.tep(who.user, APP, launchRoom), who.marker);
    }

    private static String room(Party creator) {
        String room = "!" + UUID.randomUUID().toString().substring(0, 12) + ":localhost";
        STUB.join(room, creator.user);
        return room;
    }

    private static Map<String, Object> pin(String pin) {
        return StubWalletAndBridge.pinProof(pin);
    }

    private static Map<String, Object> individualGift(String recipient, Map<String, Object> proof) {
        Map<String, Object> body = new HashMap<>(Map.of("type", "individual", "recipient", recipient, "amount", new BigDecimal("5.00"),
                "currency", "USD", "idempotency_key", "gift-" + UUID.randomUUID()));
        if (proof != null) {
            body.put("auth_proof", proof);
        }
        return body;
    }

    private static Map<String, Object> groupGift(String room, Map<String, Object> proof) {
        return new HashMap<>(Map.of("type", "group", "room_id", room, "total_amount", new BigDecimal("4.00"), "count", 2,
                "distribution", "equal", "currency", "USD", "idempotency_key", "gift-" + UUID.randomUUID(), "auth_proof", proof));
    }

    private static Map<String, Object> transfer(String recipient, String room, String note) {
        Map<String, Object> body = new HashMap<>(Map.of("recipient", recipient, "amount", new BigDecimal("3.00"), "currency", "USD",
                "idempotency_key", "p2p-" + UUID.randomUUID()));
        if (room != null) {
            body.put("room_id", room);
        }
        if (note != null) {
            body.put("note", note);
        }
        return body;
    }

    private static Map<String, Object> payment(String description) {
        return new HashMap<>(Map.of("amount", new BigDecimal("2.00"), "currency", "USD", "description", description,
                "idempotency_key", "pay-" + UUID.randomUUID()));
    }

    private static List<StubWalletAndBridge.Call> walletCallsOf(Party who) {
        return STUB.walletCallsOf(who.user);
    }

    private static List<StubWalletAndBridge.Call> moneyCallsOf(Party who) {
        return STUB.moneyCallsOf(who.user);
    }

    private Http.Response post(String path, Party who, Object body) {
        return Http.post(url(path), Http.bearer(who.tep), body);
    }

    private Http.Response postRaw(String path, Party who, String json) {
        return Http.send("POST", url(path), Http.bearer(who.tep), "application/json", json);
    }

    private Http.Response get(String path, Party who) {
        return Http.get(url(path), Http.bearer(who.tep));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
