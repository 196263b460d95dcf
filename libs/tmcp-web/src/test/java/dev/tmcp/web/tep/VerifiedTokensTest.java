package dev.tmcp.web.tep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.test.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private final MovableClock clock = new MovableClock();
    private final Instant start = clock.instant();
    private final VerifiedTokens<String> tokens = new VerifiedTokens<>(2, Duration.ofMinutes(5), clock);

    @Test
    void aTokenIsTrustedUntilItExpires() {
        tokens.put("t1", "alice", start.plusSeconds(60));

        clock.advance(Duration.ofSeconds(59));
        assertThat(tokens.get("t1")).isEqualTo("alice");
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.get("t1")).isNull();
    }

    @Test
    void aLongLivedTokenIsCheckedAgainOnceTheKeyCacheLifetimeHasPassed() {
        tokens.put("t1", "alice", start.plus(Duration.ofHours(1)));

        clock.advance(Duration.ofMinutes(5));
        assertThat(tokens.get("t1")).isNull();
    }

    @Test
    void aFullCacheOfLiveTokensKeepsNoMore() {
        tokens.put("t1", "alice", start.plusSeconds(600));
        tokens.put("t2", "bob", start.plusSeconds(600));
        tokens.put("t3", "carol", start.plusSeconds(600));

        assertThat(tokens.get("t3")).isNull();
        assertThat(tokens.get("t1")).isEqualTo("alice");
    }

    @Test
    void expiredEntriesMakeRoom() {
        tokens.put("t1", "alice", start.plusSeconds(10));
        tokens.put("t2", "bob", start.plusSeconds(600));
        clock.advance(Duration.ofSeconds(10));

        tokens.put("t3", "carol", start.plusSeconds(600));

        assertThat(tokens.get("t3")).isEqualTo("carol");
        assertThat(tokens.size()).isEqualTo(2);
    }

    @Test
    void anAlreadyExpiredTokenIsNotKept() {
        tokens.put("t1", "alice", start.minusSeconds(1));

        assertThat(tokens.size()).isZero();
    }
}
