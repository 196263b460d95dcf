package dev.tmcp.payment.gift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The names in {@code gift_opening.status}: its check constraint and the repository's SQL use them as they are. */
class GiftOpeningStatusTest {

    @Test
    void everyStatusKeepsItsDatabaseName() {
        Map<GiftOpeningStatus, String> names = Arrays.stream(GiftOpeningStatus.values())
                .collect(Collectors.toMap(Function.identity(), GiftOpeningStatus::wire));

        assertThat(names).containsExactlyInAnyOrderEntriesOf(Map.of(
                GiftOpeningStatus.CLAIMED, "claimed",
                GiftOpeningStatus.PAID, "paid",
                GiftOpeningStatus.REFUSED, "refused"));
        names.forEach((status, wire) -> assertThat(GiftOpeningStatus.fromWire(wire)).isEqualTo(status));
    }

    @Test
    void anUnknownNameIsRefusedByName() {
        assertThatThrownBy(() -> GiftOpeningStatus.fromWire("opened"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not a GiftOpeningStatus: opened");
        assertThatThrownBy(() -> GiftOpeningStatus.fromWire("PAID")).isInstanceOf(IllegalArgumentException.class);
    }
}
