package dev.tmcp.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tmcp.test.PausableProxy;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The homeserver goes away for 22 seconds in the middle of a burst of 200 events over four rooms;
 * when it is back, every event arrives, once, in each room's order. The bridge reaches Synapse
 * through {@link PausableProxy}: the shared Synapse cannot be stopped without breaking other work
 * on this machine, and refused then hanging connections are what the bridge sees when it is down.
 */
class HomeserverOutageIT extends BridgeIntegrationTest {

    static final SuiteEvents EVENTS = new SuiteEvents();
    static final PausableProxy PROXY = PausableProxy.to(Synapse.URL);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        bridge(registry, EVENTS, PROXY.url());
        // retries every 2 s at most, so the test sees the homeserver back within seconds, not 15
        registry.add("tmcp.bridge.delivery.max-backoff", () -> "2s");
    }

    @AfterAll
    static void cleanUp() {
        PROXY.close();
        EVENTS.close();
    }

    @Autowired
    DatabaseClient db;

    @Test
    void anOutageOfTheHomeserverDelaysEventsButLosesAndDuplicatesNone() {
        Burst burst = new Burst(4, 50);
        burst.publish(EVENTS, 0, 100);
        await().atMost(Duration.ofSeconds(60)).until(burst::delivered, n -> n >= 20);

        PROXY.mode(PausableProxy.Mode.REFUSE);
        burst.publish(EVENTS, 100, 200);
        await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(11)).until(() -> true);
        // Longer than the bridge's 10 s response timeout: hung sends time out and are tried again.
        PROXY.mode(PausableProxy.Mode.HANG);
        await().pollDelay(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(13)).until(() -> true);
        assertThat(burst.delivered()).as("nothing can arrive while the homeserver is away").isLessThan(burst.total());
        PROXY.mode(PausableProxy.Mode.OPEN);

        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2))
                .until(burst::delivered, n -> n >= burst.total());
        burst.assertEveryEventOnceInOrder();
        assertThat(db.sql("select count(*) as n from room_outbox where status <> 'delivered'")
                .map(r -> r.get("n", Long.class)).one().block()).isZero();
        assertThat(db.sql("select max(attempts) as n from room_outbox").map(r -> r.get("n", Integer.class)).one().block())
                .as("the outage was felt: some events needed several attempts").isGreaterThan(1);
    }
}
