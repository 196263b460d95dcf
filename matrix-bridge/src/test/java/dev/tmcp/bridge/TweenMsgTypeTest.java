package dev.tmcp.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The {@code msgtype} values clients render by: renaming a constant must never rename the msgtype. */
class TweenMsgTypeTest {

    @Test
    void everyMsgTypeKeepsItsMatrixName() {
        Map<TweenMsgType, String> names = Arrays.stream(TweenMsgType.values())
                .collect(Collectors.toMap(Function.identity(), TweenMsgType::wire));

        assertThat(names).containsExactlyInAnyOrderEntriesOf(Map.of(
                TweenMsgType.MONEY, "m.tween.money",
                TweenMsgType.PAYMENT, "m.tween.payment",
                TweenMsgType.GIFT, "m.tween.gift",
                TweenMsgType.ACCOUNT_ACTIVATION, "m.tween.account_activation",
                TweenMsgType.CARD, "m.tween.card"));
        names.forEach((type, wire) -> assertThat(TweenMsgType.fromWire(wire)).isEqualTo(type));
    }

    @Test
    void anUnknownNameIsRefusedByName() {
        assertThatThrownBy(() -> TweenMsgType.fromWire("m.text"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not a TweenMsgType: m.text");
        assertThatThrownBy(() -> TweenMsgType.fromWire("CARD")).isInstanceOf(IllegalArgumentException.class);
    }
}
