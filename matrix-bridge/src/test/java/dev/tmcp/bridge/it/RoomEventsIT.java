package dev.tmcp.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tmcp.core.event.Topics;
import dev.tmcp.core.event.app.MiniAppInstalled;
import dev.tmcp.core.event.app.MiniAppRegistered;
import dev.tmcp.core.event.app.MiniAppUninstalled;
import dev.tmcp.core.event.app.MiniAppUpdated;
import dev.tmcp.core.event.auth.ScopeRevoked;
import dev.tmcp.core.event.gift.GiftCreated;
import dev.tmcp.core.event.gift.GiftOpened;
import dev.tmcp.core.event.p2p.P2pTransferCompleted;
import dev.tmcp.core.event.p2p.P2pTransferStatusChanged;
import dev.tmcp.core.event.payment.Payer;
import dev.tmcp.core.event.payment.PaymentCompleted;
import dev.tmcp.core.event.payment.PaymentFailed;
import dev.tmcp.core.event.payment.PaymentRefunded;
import dev.tmcp.core.event.payment.PaymentSent;
import dev.tmcp.core.event.wallet.AccountActivationRequested;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Every room event of the spec, produced from its Kafka event and read back by the room's human
 * members through {@code /sync} on the real Synapse: right type, right sender, spec content.
 */
class RoomEventsIT extends BridgeIntegrationTest {

    static final SuiteEvents EVENTS = new SuiteEvents();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        bridge(registry, EVENTS, Synapse.URL);
    }

    @AfterAll
    static void topics() {
        EVENTS.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient db;

    static String bot(String localpart) {
        return Synapse.userId(localpart);
    }

    @Test
    void paymentGiftAndActivationEventsArriveFromTheirBots() {
        Synapse.User alice = Synapse.register(localpart("alice"));
        Synapse.User bob = Synapse.register(localpart("bob"));
        String room = Synapse.room(alice, "private_chat", bob);
        String ts = "2026-01-02T10:00:00Z";
        P2pTransferCompleted.Party a = new P2pTransferCompleted.Party(alice.userId(), "tw_a");
        P2pTransferCompleted.Party b = new P2pTransferCompleted.Party(bob.userId(), "tw_b");
        Payer payer = new Payer(alice.userId(), "tw_a");

        EVENTS.publish(Topics.P2P, P2pTransferCompleted.TYPE, "p2p_1", new P2pTransferCompleted("p2p_1",
                new BigDecimal("25.00"), "USD", a, b, room, "completed", false, "Lunch", ts));
        EVENTS.publish(Topics.P2P, P2pTransferCompleted.TYPE, "p2p_2", new P2pTransferCompleted("p2p_2",
                new BigDecimal("5.50"), "USD", a, b, room, "pending_recipient_acceptance", true, null, ts));
        EVENTS.publish(Topics.P2P, P2pTransferStatusChanged.TYPE, "p2p_2", new P2pTransferStatusChanged("p2p_2",
                "completed", room, alice.userId(), bob.userId(), null, "2026-01-02T10:02:00Z"));
        EVENTS.publish(Topics.PAYMENT, PaymentSent.TYPE, "pay_1", new PaymentSent("pay_1", new BigDecimal("150.00"),
                "USD", payer, "ma_shop_001", "Shopping Assistant", room, "Order #12345", ts));
        EVENTS.publish(Topics.PAYMENT, PaymentCompleted.TYPE, "pay_1", new PaymentCompleted("pay_1", "txn_1",
                new BigDecimal("150.00"), "USD", payer, "ma_shop_001", "Shopping Assistant", room, "Order #12345", ts));
        EVENTS.publish(Topics.PAYMENT, PaymentFailed.TYPE, "pay_2", new PaymentFailed("pay_2", new BigDecimal("9.99"),
                "USD", payer, "ma_shop_001", "Shopping Assistant", room, "INSUFFICIENT_FUNDS", "Not enough money", ts));
        EVENTS.publish(Topics.PAYMENT, PaymentRefunded.TYPE, "pay_1", new PaymentRefunded("pay_1", "ref_1", "txn_2",
                new BigDecimal("50.00"), "USD", payer, "ma_shop_001", "Shopping Assistant", room, "damaged", ts));
        EVENTS.publish(Topics.GIFT, GiftCreated.TYPE, "gift_1", new GiftCreated("gift_1", "group",
                new BigDecimal("100.00"), "USD", 10, "Happy Friday!", alice.userId(), room, "active", ts, null));
        EVENTS.publish(Topics.GIFT, GiftOpened.TYPE, "gift_1", new GiftOpened("gift_1", room, bob.userId(),
                new BigDecimal("12.50"), "USD", ts, 9,
                List.of(new GiftOpened.LeaderboardEntry(bob.userId(), new BigDecimal("12.50")))));
        EVENTS.publish(Topics.WALLET, AccountActivationRequested.TYPE, "tw_b", new AccountActivationRequested(
                alice.userId(), bob.userId(), "tw_b", new BigDecimal("5000.00"), "USD", room,
                "https://tween.example/account/activate?wallet=tw_b",
                new AccountActivationRequested.Incentive("activation_bonus", new BigDecimal("10.00"), "USD", null)));

        Set<String> wanted = Set.of("m.tween.wallet.p2p", "m.tween.wallet.p2p.status", "m.tween.payment.sent",
                "m.tween.payment.completed", "m.tween.payment.failed", "m.tween.payment.refunded", "m.tween.gift",
                "m.tween.gift.opened", "m.tween.account.activate");
        List<JsonNode> seen = Synapse.syncUntil(bob, room, events -> types(events).containsAll(wanted)
                && count(events, "m.tween.wallet.p2p") == 2, Duration.ofSeconds(90));
        assertThat(types(seen)).containsAll(wanted);

        Map<String, List<JsonNode>> byType = seen.stream().filter(e -> e.path("type").asString().startsWith("m.tween."))
                .collect(Collectors.groupingBy(e -> e.path("type").asString()));
        String payments = bot("_tmcp_payments");
        JsonNode p2p = byType.get("m.tween.wallet.p2p").get(0);
        assertThat(p2p.path("sender").asString()).isEqualTo(payments);
        assertThat(p2p.path("content").path("msgtype").asString()).isEqualTo("m.tween.money");
        assertThat(p2p.path("content").path("amount").asString()).isEqualTo("25.00");
        assertThat(p2p.path("content").path("amount_minor").asLong()).isEqualTo(2500);
        assertThat(p2p.path("content").path("body").asString()).contains("25.00 USD");
        JsonNode pending = byType.get("m.tween.wallet.p2p").get(1);
        assertThat(pending.path("content").path("status").asString()).isEqualTo("pending_recipient_acceptance");
        assertThat(pending.path("content").path("expires_at").asString()).isEqualTo("2026-01-03T10:00:00Z");
        assertThat(pending.path("content").path("actions").get(0).path("endpoint").asString())
                .isEqualTo("/wallet/v1/p2p/p2p_2/accept");
        JsonNode status = byType.get("m.tween.wallet.p2p.status").get(0);
        assertThat(status.path("sender").asString()).isEqualTo(payments);
        assertThat(status.path("content").path("transfer_id").asString()).isEqualTo("p2p_2");
        assertThat(status.path("content").path("accepted_at").asString()).isEqualTo("2026-01-02T10:02:00Z");
        assertThat(status.path("content").path("visual").path("status_text").asString()).isEqualTo("Accepted");

        JsonNode completed = byType.get("m.tween.payment.completed").get(0);
        assertThat(completed.path("sender").asString()).isEqualTo(payments);
        assertThat(completed.path("content").path("msgtype").asString()).isEqualTo("m.tween.payment");
        assertThat(completed.path("content").path("payment_id").asString()).isEqualTo("pay_1");
        assertThat(completed.path("content").path("txn_id").asString()).isEqualTo("txn_1");
        assertThat(completed.path("content").path("transaction").path("amount").asString()).isEqualTo("150.00");
        assertThat(completed.path("content").path("transaction").path("amount_minor").asLong()).isEqualTo(15000);
        assertThat(completed.path("content").path("recipient").path("miniapp_id").asString()).isEqualTo("ma_shop_001");
        assertThat(completed.path("content").path("sender").path("user_id").asString()).isEqualTo(alice.userId());
        assertThat(completed.path("content").path("sender").path("display_name").asString())
                .as("profile from the homeserver").isEqualTo(alice.userId().substring(1, alice.userId().indexOf(':')));
        assertThat(completed.path("content").path("visual").path("icon").asString()).isEqualTo("payment_completed");
        assertThat(completed.path("content").path("body").asString()).isNotBlank();
        assertThat(byType.get("m.tween.payment.sent").get(0).path("content").path("payment_type").asString()).isEqualTo("sent");
        JsonNode failed = byType.get("m.tween.payment.failed").get(0);
        assertThat(failed.path("content").path("error").path("code").asString()).isEqualTo("INSUFFICIENT_FUNDS");
        JsonNode refunded = byType.get("m.tween.payment.refunded").get(0);
        assertThat(refunded.path("content").path("refund_id").asString()).isEqualTo("ref_1");
        assertThat(refunded.path("content").path("amount").asString()).isEqualTo("50.00");

        String gifts = bot("_tmcp_gifts");
        JsonNode gift = byType.get("m.tween.gift").get(0);
        assertThat(gift.path("sender").asString()).isEqualTo(gifts);
        assertThat(gift.path("content").path("msgtype").asString()).isEqualTo("m.tween.gift");
        assertThat(gift.path("content").path("total_amount").asString()).isEqualTo("100.00");
        assertThat(gift.path("content").path("count").asInt()).isEqualTo(10);
        assertThat(gift.path("content").path("actions").get(0).path("endpoint").asString())
                .isEqualTo("/wallet/v1/gift/gift_1/open");
        JsonNode opened = byType.get("m.tween.gift.opened").get(0);
        assertThat(opened.path("sender").asString()).isEqualTo(gifts);
        assertThat(opened.path("content").path("opened_by").asString()).isEqualTo(bob.userId());
        assertThat(opened.path("content").path("remaining_count").asInt()).isEqualTo(9);
        assertThat(opened.path("content").path("leaderboard").get(0).path("amount").asString()).isEqualTo("12.50");

        JsonNode activate = byType.get("m.tween.account.activate").get(0);
        assertThat(activate.path("sender").asString()).isEqualTo(bot("_tmcp"));
        assertThat(activate.path("content").path("msgtype").asString()).isEqualTo("m.tween.account_activation");
        assertThat(activate.path("content").path("wallet_id").asString()).isEqualTo("tw_b");
        assertThat(activate.path("content").path("amount").asString()).isEqualTo("5000.00");
        assertThat(activate.path("content").path("incentive").path("amount").asString()).isEqualTo("10.00");

        JsonNode botProfile = await().atMost(Duration.ofSeconds(30)).until(() -> Synapse.call("GET",
                "/_matrix/client/v3/profile/" + Synapse.enc(payments), null, null).body(), p -> p.has("avatar_url"));
        assertThat(botProfile.path("displayname").asString()).isEqualTo("Tween Payments");
        assertThat(botProfile.path("avatar_url").asString()).startsWith("mxc://");

        // one card per fact, also as alice sees it: nothing was sent twice
        List<JsonNode> all = Synapse.timeline(alice, room, List.copyOf(wanted));
        assertThat(all).hasSize(10);
    }

    @Test
    void appLifecycleAndRevocationGoToTheUsersNoticesRoom() {
        Synapse.User carol = Synapse.register(localpart("carol"));
        String app = "ma_it_" + localpart("app").substring(3).replace("_", "");
        EVENTS.publish(Topics.APP, MiniAppInstalled.TYPE, app, new MiniAppInstalled(app, carol.userId(), "Shop", "1.0.0",
                "verified", "2026-01-02T10:00:00Z"));
        EVENTS.publish(Topics.APP, MiniAppUpdated.TYPE, app, new MiniAppUpdated(app, "Shop", "1.0.0", "1.1.0", "minor",
                "2026-01-03T10:00:00Z", List.of(carol.userId())));
        EVENTS.publish(Topics.AUTH, ScopeRevoked.TYPE, carol.userId(), new ScopeRevoked(carol.userId(), app,
                List.of("wallet:pay"), "user_initiated", 1735689600L, List.of("urn:matrix:org.matrix.msc2967.client:api:*"),
                List.of()));
        EVENTS.publish(Topics.APP, MiniAppUninstalled.TYPE, app, new MiniAppUninstalled(app, carol.userId()));

        String notices = Synapse.awaitInvite(carol, Duration.ofSeconds(60));
        Synapse.join(carol, notices);
        List<String> lifecycle = List.of("m.tween.miniapp.installed", "m.tween.miniapp.updated", "m.tween.miniapp.uninstalled");
        List<JsonNode> events = await().atMost(Duration.ofSeconds(60))
                .until(() -> Synapse.timeline(carol, notices, lifecycle), r -> r.size() == 3);
        assertThat(events).extracting(e -> e.path("type").asString()).containsExactlyElementsOf(lifecycle);
        assertThat(events.get(0).path("sender").asString()).isEqualTo(bot("_tmcp"));
        assertThat(events.get(0).path("content").path("version").asString()).isEqualTo("1.0.0");
        assertThat(events.get(1).path("sender").asString()).isEqualTo(bot("_tmcp_updater"));
        assertThat(events.get(1).path("content").path("new_version").asString()).isEqualTo("1.1.0");
        assertThat(events.get(2).path("content").path("reason").asString()).isEqualTo("user_initiated");
        JsonNode authorization = await().atMost(Duration.ofSeconds(30))
                .until(() -> Synapse.state(carol, notices, "m.room.tween.authorization", app), s -> s.has("authorized"));
        assertThat(authorization.path("authorized").asBoolean(true)).isFalse();
        assertThat(authorization.path("revoked_at").asLong()).isEqualTo(1735689600L);
        assertThat(authorization.path("revoked_scopes").get(0).asString()).isEqualTo("wallet:pay");
    }

    @Test
    void sendCardPostsAsTheMiniAppsVirtualUser() {
        Synapse.User dave = Synapse.register(localpart("dave"));
        Synapse.User erin = Synapse.register(localpart("erin"));
        String room = Synapse.room(dave, "private_chat", erin);
        String app = "ma_it" + localpart("shop").substring(3).replace("_", "");
        EVENTS.publish(Topics.APP, MiniAppRegistered.TYPE, app, new MiniAppRegistered(app, "IT Shop", "public",
                List.of(), List.of("messaging:send")));
        await().atMost(Duration.ofSeconds(30)).until(() -> db.sql("select name from miniapp_name where client_id = :id")
                .bind("id", app).map(r -> r.get("name", String.class)).one().blockOptional().orElse(""), "IT Shop"::equals);
        WebTestClient web = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        Map<String, Object> card = Map.of("room_id", room, "card", Map.of("type", "product", "title", "Blue mug",
                "description", "Ceramic", "price", Map.of("amount", new BigDecimal("75.10"), "currency", "USD")));

        web.post().uri("/api/v1/messaging/cards").header("Authorization", "Bearer " + TEPS.tep(dave.userId(), app, "user:read"))
                .bodyValue(card).exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.error.code").isEqualTo("INSUFFICIENT_PERMISSIONS");
        Synapse.User stranger = Synapse.register(localpart("stranger"));
        web.post().uri("/api/v1/messaging/cards")
                .header("Authorization", "Bearer " + TEPS.tep(stranger.userId(), app, "messaging:send"))
                .bodyValue(card).exchange().expectStatus().isForbidden();
        web.post().uri("/api/v1/messaging/cards").header("Authorization", "Bearer " + TEPS.tep(dave.userId(), app, "messaging:send"))
                .bodyValue(card).exchange().expectStatus().isAccepted()
                .expectBody().jsonPath("$.event_id").value(id -> assertThat((String) id).startsWith("evt_"))
                .jsonPath("$.status").isEqualTo("queued");

        List<JsonNode> seen = Synapse.syncUntil(erin, room, events -> events.stream()
                .anyMatch(e -> "m.tween.card".equals(e.path("content").path("msgtype").asString(""))), Duration.ofSeconds(60));
        JsonNode message = seen.stream().filter(e -> "m.tween.card".equals(e.path("content").path("msgtype").asString("")))
                .findFirst().orElseThrow();
        assertThat(message.path("type").asString()).isEqualTo("m.room.message");
        assertThat(message.path("sender").asString()).isEqualTo(Synapse.userId(app));
        assertThat(message.path("content").path("miniapp_id").asString()).isEqualTo(app);
        assertThat(Synapse.call("GET", "/_matrix/client/v3/profile/" + Synapse.enc(Synapse.userId(app)), null, null)
                .body().path("displayname").asString()).isEqualTo("IT Shop");
        assertThat(message.path("content").path("body").asString()).contains("Blue mug");
        assertThat(message.path("content").path("card").path("price").path("amount").asString()).isEqualTo("75.10");
        assertThat(message.path("content").path("card").path("price").path("amount_minor").asLong()).isEqualTo(7510);
    }

    @Test
    void anEventForARoomTheBotCannotEnterWaitsForAnInviteAndIsThenDelivered() {
        Synapse.User frank = Synapse.register(localpart("frank"));
        String room = Synapse.room(frank, "private_chat");
        String giftId = "gift_" + localpart("w");
        // The gift's sender is not in the room, so nobody can let the gifts bot in.
        EVENTS.publish(Topics.GIFT, GiftCreated.TYPE, giftId, new GiftCreated(giftId, "group", new BigDecimal("10.00"),
                "USD", 2, null, Synapse.userId("it_nobody"), room, "active", "2026-01-02T10:00:00Z", null));
        await().atMost(Duration.ofSeconds(60)).until(() -> status(giftId), "waiting_invite"::equals);

        Synapse.invite(frank, room, bot("_tmcp_gifts"));
        // Synapse pushes the invite to the stack's bridge (the registered URL); this bridge gets the same transaction.
        WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build()
                .put().uri("/_matrix/app/v1/transactions/it-invite-" + giftId)
                .header("Authorization", "Bearer " + dev.tmcp.test.StackEnv.get("TMCP_HS_TOKEN"))
                .bodyValue(Map.of("events", List.of(Map.of("type", "m.room.member", "room_id", room,
                        "sender", frank.userId(), "state_key", bot("_tmcp_gifts"), "event_id", "$invite-" + giftId,
                        "content", Map.of("membership", "invite")))))
                .exchange().expectStatus().isOk();

        List<JsonNode> seen = Synapse.syncUntil(frank, room, events -> count(events, "m.tween.gift") == 1, Duration.ofSeconds(60));
        assertThat(count(seen, "m.tween.gift")).isEqualTo(1);
        // The room shows the card as soon as the homeserver took it; the bridge records that right after.
        await().atMost(Duration.ofSeconds(10)).until(() -> status(giftId), "delivered"::equals);
    }

    private String status(String giftId) {
        return db.sql("select o.status from room_outbox o join processed_event p on p.event_id = o.source_event_id "
                        + "where o.content like :gift").bind("gift", "%" + giftId + "%")
                .map(r -> r.get("status", String.class)).one().blockOptional().orElse("");
    }

    static Set<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.path("type").asString()).collect(Collectors.toSet());
    }

    static long count(List<JsonNode> events, String type) {
        return events.stream().filter(e -> type.equals(e.path("type").asString())).count();
    }
}
