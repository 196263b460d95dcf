package dev.tmcp.payment.gift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.payment.it.Http;
import dev.tmcp.payment.it.PaymentServiceOnStubs;
import dev.tmcp.payment.it.StubWalletAndBridge;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Gifts on this service's own fresh PostgreSQL database, with wallet-adapter and matrix-bridge
 * stubbed ({@link StubWalletAndBridge}: holds, captures and releases on an in-memory ledger whose
 * balances the tests read; room membership). The outbox relay is off: events are asserted as
 * outbox rows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tmcp.outbox.relay.enabled=false", "tmcp.payment.gift.jobs-enabled=false"})
class GiftsIT {

    static final StubWalletAndBridge STUB = new StubWalletAndBridge();
    static final String APP = "ma_gifts_it";
    static final String ALICE = user("gift_alice");
    static final String ALICE_TEP = STUB.tep(ALICE, APP, null);
    static final String ROOM = "!" + UUID.randomUUID().toString().substring(0, 12) + ":localhost";

    static {
        STUB.fund(ALICE, "500.00");
        STUB.join(ROOM, ALICE);
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
    GiftOpenings openings;
    @Autowired
    GiftJobs jobs;
    @Autowired
    DatabaseClient db;

    @Test
    void onlyMembersOfTheGiftsRoomSendOrOpenGroupGiftsThere() {
        String giftId = created(group("4.00", 2, "equal")).path("gift_id").asString();
        String outsider = user("gift_out");
        String outsiderTep = STUB.tep(outsider, APP, null);
        STUB.fund(outsider, "10.00");

        Http.Response refused = Http.post(url("/wallet/v1/gift/" + giftId + "/open"), Http.bearer(outsiderTep),
                Map.of("device_id", "phone"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("NO_SHARED_ROOM");
        Http.Response intruding = Http.post(url("/wallet/v1/gift/create"), Http.bearer(outsiderTep),
                group("1.00", 1, "equal"));
        assertThat(intruding.code()).as("nor send one into a room they are not in").isEqualTo("NO_SHARED_ROOM");

        STUB.join(ROOM, outsider);
        Http.Response opened = Http.post(url("/wallet/v1/gift/" + giftId + "/open"), Http.bearer(outsiderTep),
                Map.of("device_id", "phone"));
        assertThat(opened.status()).as("%s", opened.body()).isEqualTo(200);
        assertThat(opened.body().path("amount_received").decimalValue()).isEqualByComparingTo("2.00");
        assertThat(STUB.balanceMinor(outsider)).as("the share was paid to the opener").isEqualTo(1_200);
    }

    @Test
    void twoHundredConcurrentOpenersOfFiftySharesFiftyAreServedAndTheSharesAddUpToTheTotal() {
        JsonNode gift = created(group("50.00", 50, "random"));
        String giftId = gift.path("gift_id").asString();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Long> received = new ConcurrentHashMap<>();
        Map<ErrorCode, Integer> refused = new ConcurrentHashMap<>();
        List<Integer> ranks = Collections.synchronizedList(new ArrayList<>());

        Flux.range(0, 200)
                .flatMap(i -> {
                    String user = "@gift_it_" + run + "_" + i + ":localhost";
                    return openings.open(giftId, user)
                            .doOnNext(o -> {
                                received.put(user, o.opening().amount().minorUnits());
                                ranks.add(o.opening().rank());
                            })
                            .onErrorResume(TmcpException.class, e -> {
                                refused.merge(e.code(), 1, Integer::sum);
                                return Mono.empty();
                            });
                }, 200)
                .blockLast();

        assertThat(received).hasSize(50);
        assertThat(refused).containsExactly(Map.entry(ErrorCode.GIFT_EMPTY, 150));
        assertThat(received.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(5_000);
        assertThat(ranks).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, 50).boxed().toList());
        assertThat(hold(giftId).path("remaining").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(events("gift.opened", giftId)).isEqualTo(50);
        String winner = received.keySet().iterator().next();
        assertThatThrownBy(() -> openings.open(giftId, winner).block())
                .isInstanceOfSatisfying(TmcpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_OPENED));

        JsonNode status = get(giftId);
        assertThat(status.path("status").asString()).isEqualTo("fully_opened");
        assertThat(status.path("remaining").asInt()).isZero();
        assertThat(status.path("opened_by").size()).isEqualTo(50);
    }

    @Test
    void theSameKeyAndRequestReturnsTheFirstGiftAndADifferentRequestIsRefused() {
        Map<String, Object> body = group("3.00", 3, "equal");
        Http.Response first = create(body);
        Http.Response again = create(body);
        body.put("total_amount", "4.00");
        Http.Response different = create(body);

        assertThat(first.status()).as("%s", first.body()).isEqualTo(200);
        assertThat(first.body().path("status").asString()).isEqualTo("active");
        assertThat(first.body().path("event_id").asString()).startsWith("evt_");
        assertThat(first.body().path("expires_at").asString()).isNotBlank();
        assertThat(first.body().path("opened_by").size()).isZero();
        assertThat(again.body().path("gift_id").asString()).isEqualTo(first.body().path("gift_id").asString());
        assertThat(again.body().path("event_id").asString()).isEqualTo(first.body().path("event_id").asString());
        assertThat(events("gift.created", first.body().path("gift_id").asString())).isEqualTo(1);
        assertThat(different.status()).isEqualTo(409);
        assertThat(different.code()).isEqualTo("DUPLICATE_TRANSACTION");
    }

    @Test
    void badRequestsGetClearErrors() {
        Map<String, Map<String, Object>> cases = new java.util.LinkedHashMap<>();
        cases.put("INVALID_REQUEST", with(group("10.00", 0, "random"), Map.of()));
        cases.put("INVALID_REQUEST ", with(group("10.00", 101, "random"), Map.of()));
        cases.put("INVALID_AMOUNT", with(group("0.09", 10, "random"), Map.of()));
        cases.put("INVALID_AMOUNT ", with(group("10.00", 2, "random"), Map.of("currency", "XXY")));
        cases.put("INVALID_AMOUNT  ", with(group("10.001", 2, "random"), Map.of()));
        cases.put(" INVALID_REQUEST", with(group("10.00", 2, "random"), Map.of("room_id", "not-a-room")));
        cases.put("  INVALID_REQUEST", with(group("10.00", 2, "lucky"), Map.of()));
        cases.put("   INVALID_REQUEST", with(group("10.00", 2, "random"), Map.of("expires_in_seconds", 8 * 86400)));
        cases.put("    INVALID_REQUEST", with(group("10.00", 2, "random"), Map.of("type", "party")));
        Map<String, Object> noKey = group("10.00", 2, "random");
        noKey.remove("idempotency_key");
        cases.put("     INVALID_REQUEST", noKey);
        cases.put("      INVALID_REQUEST", Map.of("type", "individual", "recipient", ALICE, "amount", "1.00",
                "currency", "USD", "idempotency_key", "self-" + UUID.randomUUID(), "auth_proof", pinProof()));

        cases.forEach((code, body) -> {
            Http.Response response = create(body);
            assertThat(response.status()).as("%s -> %s", body, response.body()).isEqualTo(400);
            assertThat(response.code()).as("%s", body).isEqualTo(code.trim());
        });
        assertThat(Http.post(url("/wallet/v1/gift/gift_nope/open"), Http.bearer(ALICE_TEP), Map.of()).status())
                .isEqualTo(404);
        assertThat(Http.get(url("/wallet/v1/gift/gift_nope"), null).status()).isEqualTo(401);
    }

    @Test
    void anIndividualGiftOpensOnlyForItsRecipient() {
        String bob = "@gift_bob_" + UUID.randomUUID().toString().substring(0, 8) + ":localhost";
        JsonNode gift = created(new HashMap<>(Map.of("type", "individual", "recipient", bob, "amount", "2.50",
                "currency", "USD", "room_id", ROOM, "message", "Happy Birthday!", "idempotency_key", "ind-" + UUID.randomUUID(),
                "auth_proof", pinProof())));
        String giftId = gift.path("gift_id").asString();

        assertThatThrownBy(() -> openings.open(giftId, "@mallory:localhost").block())
                .isInstanceOfSatisfying(TmcpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_GIFT_RECIPIENT));
        GiftOpenings.Opened opened = openings.open(giftId, bob).block();
        assertThat(opened.opening().amount().toDecimal()).isEqualByComparingTo("2.50");
        GiftView.Opened view = GiftView.Opened.of(opened.gift(), opened.opening());
        assertThat(view.message()).isEqualTo("Happy Birthday!");
        assertThat(view.stats()).isEqualTo(new GiftView.Stats(1, 0, 1));
        assertThatThrownBy(() -> openings.open(giftId, bob).block())
                .isInstanceOfSatisfying(TmcpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_OPENED));
    }

    @Test
    void aClaimLeftUnpaidIsPaidOnceByARetryOrByTheRepairJob() {
        String giftId = created(group("3.00", 3, "equal")).path("gift_id").asString();
        String carol = "@gift_carol_" + UUID.randomUUID().toString().substring(0, 8) + ":localhost";
        String dave = "@gift_dave_" + UUID.randomUUID().toString().substring(0, 8) + ":localhost";

        // the process dies after the claim committed, before the capture
        openings.claim(giftId, carol).block();
        openings.claim(giftId, dave).block();
        assertThat(events("gift.opened", giftId)).isZero();
        assertThat(hold(giftId).path("remaining").decimalValue()).isEqualByComparingTo("3.00");

        // carol taps again: her claimed share is captured, not a second one
        GiftOpenings.Opened retried = openings.open(giftId, carol).block();
        assertThat(retried.opening().rank()).isEqualTo(1);
        assertThat(retried.opening().status()).isEqualTo(GiftOpeningStatus.PAID);

        // dave never comes back: the repair job pays him once
        assertThat(jobs.repairStaleClaims().block()).as("not stale yet").isZero();
        db.sql("update gift_opening set opened_at = now() - interval '1 hour' where gift_id = :g").bind("g", giftId)
                .fetch().rowsUpdated().block();
        assertThat(jobs.repairStaleClaims().block()).isEqualTo(1);
        assertThat(jobs.repairStaleClaims().block()).isZero();

        assertThat(events("gift.opened", giftId)).isEqualTo(2);
        assertThat(hold(giftId).path("remaining").decimalValue()).isEqualByComparingTo("1.00");
        assertThatThrownBy(() -> openings.open(giftId, dave).block())
                .isInstanceOfSatisfying(TmcpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_OPENED));
    }

    @Test
    void anExpiredGiftGivesTheUnopenedRestBackToTheSenderOnce() {
        long before = STUB.balanceMinor(ALICE);
        String giftId = created(group("10.00", 4, "equal")).path("gift_id").asString();
        openings.open(giftId, user("gift_erin")).block();
        assertThat(STUB.balanceMinor(ALICE)).isEqualTo(before - 1_000);

        db.sql("update gift set expires_at = now() - interval '1 second' where gift_id = :g").bind("g", giftId)
                .fetch().rowsUpdated().block();
        assertThatThrownBy(() -> openings.open(giftId, "@gift_late:localhost").block())
                .isInstanceOfSatisfying(TmcpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.GIFT_EXPIRED));
        jobs.expireDue().block();
        jobs.expireDue().block();

        assertThat(STUB.balanceMinor(ALICE)).isEqualTo(before - 250);
        assertThat(hold(giftId).path("status").asString()).isEqualTo("settled");
        assertThat(get(giftId).path("status").asString()).isEqualTo("expired");
        assertThat(events("gift.expired", giftId)).isEqualTo(1);
        String payload = db.sql("select payload from outbox_event where topic = 'tmcp.gift' and event_key = :g "
                        + "and payload like '%gift.expired%'").bind("g", giftId).map(r -> r.get(0, String.class)).one().block();
        JsonNode expired = Http.JSON.readTree(payload).path("data");
        assertThat(expired.path("refunded_amount").decimalValue()).isEqualByComparingTo("7.50");
        assertThat(expired.path("unopened_count").asInt()).isEqualTo(3);
    }

    @Test
    void aGiftWhoseCreationDiedAfterTheHoldGivesTheMoneyBackWithoutAnnouncingIt() {
        long before = STUB.balanceMinor(ALICE);
        String giftId = created(group("6.00", 2, "equal")).path("gift_id").asString();
        String holdId = db.sql("select hold_id from gift where gift_id = :g").bind("g", giftId)
                .map(r -> r.get(0, String.class)).one().block();
        // As if the hold's answer had been lost and the sender had never retried.
        db.sql("update gift set status = 'created', hold_id = null, created_at = now() - interval '1 hour' where gift_id = :g")
                .bind("g", giftId).fetch().rowsUpdated().block();

        assertThat(jobs.cancelAbandoned().block()).isEqualTo(1);
        assertThat(jobs.cancelAbandoned().block()).isZero();
        jobs.expireDue().block();

        assertThat(STUB.balanceMinor(ALICE)).as("the hold went back").isEqualTo(before);
        assertThat(get(giftId).path("status").asString()).isEqualTo("cancelled");
        assertThat(hold(giftId).path("hold_id").asString()).as("found by its reference").isEqualTo(holdId);
        assertThat(hold(giftId).path("status").asString()).isEqualTo("settled");
        assertThat(events("gift.expired", giftId)).isZero();
    }

    private Map<String, Object> group(String total, int count, String distribution) {
        return new HashMap<>(Map.of("type", "group", "room_id", ROOM, "total_amount", new BigDecimal(total),
                "currency", "USD", "count", count, "distribution", distribution, "message", "Happy Friday!",
                "idempotency_key", "gift-" + UUID.randomUUID(), "auth_proof", pinProof()));
    }

    /** The sender's PIN proof (decision 0026). */
    private static Map<String, Object> pinProof() {
        return StubWalletAndBridge.pinProof(StubWalletAndBridge.PIN);
    }

    private static String user(String prefix) {
        return "@" + prefix + "_" + UUID.randomUUID().toString().substring(0, 8) + ":localhost";
    }

    private static Map<String, Object> with(Map<String, Object> body, Map<String, Object> changes) {
        body.putAll(changes);
        return body;
    }

    private JsonNode created(Map<String, Object> body) {
        Http.Response response = create(body);
        assertThat(response.status()).as("create: %s", response.body()).isEqualTo(200);
        return response.body();
    }

    private Http.Response create(Map<String, Object> body) {
        return Http.post(url("/wallet/v1/gift/create"), Http.bearer(ALICE_TEP), body);
    }

    private JsonNode get(String giftId) {
        Http.Response response = Http.get(url("/wallet/v1/gift/" + giftId), Http.bearer(ALICE_TEP));
        assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
        return response.body();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The gift's hold as the stub wallet has it. */
    private JsonNode hold(String giftId) {
        String holdId = db.sql("select hold_id from gift where gift_id = :g").bind("g", giftId)
                .map(r -> r.get(0, String.class)).one().block();
        return STUB.hold(holdId);
    }

    private long events(String type, String giftId) {
        return db.sql("select count(*) from outbox_event where topic = 'tmcp.gift' and event_key = :g "
                        + "and payload like :type")
                .bind("g", giftId).bind("type", "%\"type\":\"" + type + "\"%")
                .map(r -> r.get(0, Long.class)).one().block();
    }
}
