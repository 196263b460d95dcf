package dev.tmcp.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Matrix names clients and the homeserver see: renaming a constant must never rename the event. */
class TweenEventTypeTest {

    @Test
    void everyTypeKeepsItsMatrixName() {
        Map<TweenEventType, String> names = Arrays.stream(TweenEventType.values())
                .collect(Collectors.toMap(Function.identity(), TweenEventType::wire));

        assertThat(names).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry(TweenEventType.WALLET_P2P, "m.tween.wallet.p2p"),
                Map.entry(TweenEventType.WALLET_P2P_STATUS, "m.tween.wallet.p2p.status"),
                Map.entry(TweenEventType.PAYMENT_SENT, "m.tween.payment.sent"),
                Map.entry(TweenEventType.PAYMENT_COMPLETED, "m.tween.payment.completed"),
                Map.entry(TweenEventType.PAYMENT_FAILED, "m.tween.payment.failed"),
                Map.entry(TweenEventType.PAYMENT_REFUNDED, "m.tween.payment.refunded"),
                Map.entry(TweenEventType.GIFT, "m.tween.gift"),
                Map.entry(TweenEventType.GIFT_OPENED, "m.tween.gift.opened"),
                Map.entry(TweenEventType.MINIAPP_INSTALLED, "m.tween.miniapp.installed"),
                Map.entry(TweenEventType.MINIAPP_UNINSTALLED, "m.tween.miniapp.uninstalled"),
                Map.entry(TweenEventType.MINIAPP_UPDATED, "m.tween.miniapp.updated"),
                Map.entry(TweenEventType.MINIAPP_WEBHOOK_DISABLED, "m.tween.miniapp.webhook_disabled"),
                Map.entry(TweenEventType.ACCOUNT_ACTIVATE, "m.tween.account.activate"),
                Map.entry(TweenEventType.AUTHORIZATION, "m.room.tween.authorization"),
                Map.entry(TweenEventType.PAYMENT_REQUEST, "m.tween.payment.request"),
                Map.entry(TweenEventType.MINIAPP_LAUNCH, "m.tween.miniapp.launch")));
        names.forEach((type, wire) -> assertThat(TweenEventType.fromWire(wire)).isEqualTo(type));
    }

    @Test
    void anUnknownNameIsRefusedByName() {
        assertThatThrownBy(() -> TweenEventType.fromWire("m.room.message"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not a TweenEventType: m.room.message");
        assertThatThrownBy(() -> TweenEventType.fromWire("WALLET_P2P")).isInstanceOf(IllegalArgumentException.class);
    }
}
