package dev.tmcp.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A homeserver that answers {@code 429} with {@code retry_after_ms}: the bridge waits that long,
 * sends the same event again (same transaction id), and it arrives once, in order. The 429 comes
 * from a small HTTP front before the real Synapse, since the stack's Synapse does not rate-limit
 * the Application Service.
 */
class RateLimitIT extends BridgeIntegrationTest {

    static final SuiteEvents EVENTS = new SuiteEvents();
    static final long RETRY_AFTER_MS = 1500;
    static final RateLimitingFront FRONT = new RateLimitingFront(RETRY_AFTER_MS);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        bridge(registry, EVENTS, FRONT.url());
    }

    @AfterAll
    static void cleanUp() {
        FRONT.close();
        EVENTS.close();
    }

    @Test
    void aRateLimitedSendWaitsRetryAfterAndIsNotDuplicated() {
        Burst burst = new Burst(1, 3);
        burst.publish(EVENTS, 0, 3);

        List<JsonNode> seen = Synapse.syncUntil(burst.reader, burst.rooms.get(0),
                events -> events.stream().filter(e -> "m.tween.gift.opened".equals(e.path("type").asString())).count() >= 3,
                Duration.ofSeconds(60));
        assertThat(seen).isNotEmpty();
        burst.assertEveryEventOnceInOrder();
        for (String txnId : FRONT.sends.stream().map(RateLimitingFront.Send::txnId).distinct().toList()) {
            List<RateLimitingFront.Send> attempts = FRONT.sends.stream().filter(s -> s.txnId().equals(txnId)).toList();
            // (the first event may also meet a 403 before the bot has joined the room)
            assertThat(attempts.get(0).status()).isEqualTo(429);
            assertThat(attempts).filteredOn(s -> s.status() == 200).hasSize(1);
            assertThat(attempts.get(attempts.size() - 1).status()).isEqualTo(200);
            assertThat(attempts.get(1).atMillis() - attempts.get(0).atMillis())
                    .as("waited retry_after_ms before sending %s again", txnId).isGreaterThanOrEqualTo(RETRY_AFTER_MS - 50);
        }
        assertThat(FRONT.sends.stream().map(RateLimitingFront.Send::txnId).distinct()).hasSize(3);
    }
}
