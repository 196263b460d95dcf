package dev.tmcp.bridge.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.bridge.outgoing.RoomEvent;
import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.core.event.app.MiniAppUpdated;
import dev.tmcp.core.event.app.MiniAppWebhookDisabled;
import dev.tmcp.core.event.auth.ScopeRevoked;
import dev.tmcp.core.event.gift.GiftOpened;
import dev.tmcp.core.event.p2p.P2pTransferCompleted;
import dev.tmcp.core.event.payment.Payer;
import dev.tmcp.core.event.payment.PaymentCompleted;
import dev.tmcp.core.event.wallet.AccountActivationRequested;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoomEventRenderersTest {

    private static final String ROOM = "!chat:tween.example";

    private static List<RoomEvent> render(RoomEventRenderer renderer, String type, Object data) {
        EventEnvelope envelope = EventCodec.read(EventCodec.write(EventCodec.envelope(type, "test", "subject", data)));
        return renderer.renderers().get(type).apply(envelope);
    }

    /** Canonical JSON: no floats anywhere, and no nulls either. */
    private static void assertMatrixSafe(Object value) {
        assertThat(value).isNotNull();
        assertThat(value).isNotInstanceOfAny(Double.class, Float.class, BigDecimal.class);
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(RoomEventRenderersTest::assertMatrixSafe);
        } else if (value instanceof Collection<?> list) {
            list.forEach(RoomEventRenderersTest::assertMatrixSafe);
        }
    }

    @Test
    void aTransferAwaitingAcceptanceCarriesItsExpiryAndActions() {
        P2pTransferCompleted t = new P2pTransferCompleted("p2p_1", new BigDecimal("5000.00"), "USD",
                new P2pTransferCompleted.Party("@alice:tween.example", "tw_a"),
                new P2pTransferCompleted.Party("@bob:tween.example", "tw_b"), ROOM, "pending_recipient_acceptance", true,
                null, "2025-12-18T14:30:00Z");
        RoomEvent card = render(new P2pCards(), P2pTransferCompleted.TYPE, t).get(0);

        assertThat(card.type()).isEqualTo("m.tween.wallet.p2p");
        assertThat(card.senderLocalpart()).isEqualTo("_tmcp_payments");
        assertThat(card.inviter()).isEqualTo("@alice:tween.example");
        assertThat(card.content()).containsEntry("amount", "5000.00").containsEntry("amount_minor", 500000L)
                .containsEntry("expires_at", "2025-12-19T14:30:00Z").doesNotContainKey("note");
        assertMatrixSafe(card.content());
    }

    @Test
    void aPaymentWithoutARoomPostsNothingAndOneWithARoomPostsOneReceipt() {
        Payer payer = new Payer("@alice:tween.example", "tw_a");
        assertThat(render(new PaymentCards(), PaymentCompleted.TYPE, new PaymentCompleted("pay_1", "txn_1",
                new BigDecimal("1.00"), "USD", payer, "ma_shop", null, null, null, null))).isEmpty();
        List<RoomEvent> events = render(new PaymentCards(), PaymentCompleted.TYPE, new PaymentCompleted("pay_1", "txn_1",
                new BigDecimal("150.5"), "USD", payer, "ma_shop", null, ROOM, null, null));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).content()).containsEntry("amount", "150.50").containsEntry("body", "💰 Paid 150.50 USD to ma_shop");
        assertMatrixSafe(events.get(0).content());
    }

    @Test
    void giftLeaderboardAmountsAreStrings() {
        RoomEvent opened = render(new GiftCards(), GiftOpened.TYPE, new GiftOpened("gift_1", ROOM, "@bob:tween.example",
                new BigDecimal("12.50"), "USD", "2025-12-18T14:30:15Z", 7,
                List.of(new GiftOpened.LeaderboardEntry("@lisa:tween.example", new BigDecimal("15")))))
                .get(0);
        assertThat(opened.senderLocalpart()).isEqualTo("_tmcp_gifts");
        assertThat(opened.content().get("leaderboard")).isEqualTo(List.of(
                Map.of("user", "@lisa:tween.example", "amount", "15.00", "amount_minor", 1500L)));
        assertMatrixSafe(opened.content());
    }

    @Test
    void activationWithoutARoomGoesToTheRecipientsNoticesRoom() {
        RoomEvent notice = render(new ActivationNotices(), AccountActivationRequested.TYPE, new AccountActivationRequested(
                "@alice:tween.example", "@charlie:tween.example", "tw_c", new BigDecimal("5000.00"), "USD", null,
                "https://tween.example/activate", null)).get(0);
        assertThat(notice.room()).isEqualTo("@charlie:tween.example");
        assertThat(notice.toNoticeRoom()).isTrue();
        assertThat(notice.senderLocalpart()).isEqualTo("_tmcp");
        assertThat(notice.content()).containsEntry("msgtype", "m.tween.account_activation").doesNotContainKey("incentive");
    }

    @Test
    void anUpdateIsToldToEveryUserWhoHasTheAppOnce() {
        List<RoomEvent> events = render(new AppNotices(), MiniAppUpdated.TYPE, new MiniAppUpdated("ma_wallet", "Wallet",
                "2.0.0", "2.1.0", "minor", null, List.of("@a:tween.example", "@b:tween.example", "@a:tween.example")));
        assertThat(events).extracting(RoomEvent::room).containsExactly("@a:tween.example", "@b:tween.example");
        assertThat(events).allSatisfy(e -> assertThat(e.senderLocalpart()).isEqualTo("_tmcp_updater"));
    }

    @Test
    void aDisabledWebhookEndpointIsToldToTheDeveloperWhoRegisteredTheApp() {
        RoomEvent notice = render(new AppNotices(), MiniAppWebhookDisabled.TYPE, new MiniAppWebhookDisabled("ma_shop_001",
                "Shop", "@dev:tween.example", "https://api.shop.example/hook", "503", "2026-01-04T10:00:00Z")).get(0);
        assertThat(notice.room()).isEqualTo("@dev:tween.example");
        assertThat(notice.type()).isEqualTo("m.tween.miniapp.webhook_disabled");
        assertThat((String) notice.content().get("body")).contains("Shop", "https://api.shop.example/hook");
    }

    @Test
    void aRevocationIsAStateEventKeyedByTheMiniAppInTheUsersNoticesRoom() {
        RoomEvent state = render(new AppNotices(), ScopeRevoked.TYPE, new ScopeRevoked("@alice:tween.example", "ma_shop_001",
                List.of("wallet:pay"), "user_initiated", 1735689600L, List.of("urn:matrix:org.matrix.msc2967.client:api:*"),
                List.of(ROOM))).get(0);
        assertThat(state.isState()).isTrue();
        assertThat(state.stateKey()).isEqualTo("ma_shop_001");
        assertThat(state.room()).isEqualTo("@alice:tween.example");
        assertThat(state.content()).containsEntry("authorized", false).containsEntry("revoked_at", 1735689600L)
                .containsEntry("tmcp_scopes", List.of("wallet:pay"));
    }
}
