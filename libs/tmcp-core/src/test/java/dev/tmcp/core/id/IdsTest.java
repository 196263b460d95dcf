package dev.tmcp.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void idsCarryThePrefixAndSortByCreationTime() {
        String earlier = "p2p_" + Ids.sortablePart(1_700_000_000_000L);
        String later = "p2p_" + Ids.sortablePart(1_700_000_000_001L);
        assertThat(earlier).startsWith("p2p_").hasSize(30);
        assertThat(earlier.compareTo(later)).isNegative();
    }

    @Test
    void idsAreUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(Ids.next("evt_"))).isTrue();
        }
    }

    @Test
    void matrixIdentifiersAreValidatedOnConstruction() {
        assertThat(UserId.of("@alice:tween.example").localpart()).isEqualTo("alice");
        assertThat(UserId.of("@alice:localhost:8448").serverName()).isEqualTo("localhost:8448");
        assertThatThrownBy(() -> UserId.of("alice")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserId.of("@Alice:x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(RoomId.isValid("!abc:tween.example")).isTrue();
        assertThat(RoomId.isValid("#alias:tween.example")).isFalse();
        assertThat(WalletId.isValid(WalletId.next().value())).isTrue();
        assertThat(MiniAppId.isValid("ma_shop_001")).isTrue();
        assertThat(MiniAppId.isValid("shop")).isFalse();
    }
}
