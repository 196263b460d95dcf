package dev.tmcp.bridge.appservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.bridge.BridgeProperties;
import org.junit.jupiter.api.Test;

class HomeserverTokenCheckTest {

    private final HomeserverTokenCheck check = new HomeserverTokenCheck(new BridgeProperties("tween", "http://b",
            "as-token", "hs-token", "_tmcp", "http://hs", "localhost", ""));

    @Test
    void onlyTheHomeserversTokenPasses() {
        assertThat(check.matches("Bearer hs-token")).isTrue();
        assertThat(check.matches("Bearer as-token")).isFalse();
        assertThat(check.matches("Bearer hs-token2")).isFalse();
        assertThat(check.matches("hs-token")).isFalse();
        assertThat(check.matches(null)).isFalse();
    }
}
