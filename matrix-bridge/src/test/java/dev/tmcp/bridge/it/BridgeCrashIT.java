package dev.tmcp.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The bridge process is killed with SIGKILL in the middle of a burst of 200 events and started
 * again: every event arrives once, in each room's order, and an AS transaction replayed across the
 * restart is still applied once.
 */
class BridgeCrashIT {

    static final SuiteEvents EVENTS = new SuiteEvents();
    static final BridgeProcess BRIDGE = new BridgeProcess(EVENTS);

    @AfterAll
    static void cleanUp() {
        BRIDGE.close();
        EVENTS.close();
    }

    @Test
    void aKilledBridgeLosesAndDuplicatesNothing() throws Exception {
        BRIDGE.start();
        Burst burst = new Burst(4, 50);
        String txnId = "crash-" + UUID.randomUUID();
        String room = burst.rooms.get(0);
        Map<String, Object> launch = AsTransactions.launch(room, burst.reader.userId(), txnId);
        assertThat(AsTransactions.put(BRIDGE.url(), txnId, launch)).isEqualTo(200);

        burst.publish(EVENTS, 0, 100);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(burst::delivered, n -> n >= 10);
        BRIDGE.kill();
        int atKill = burst.delivered();
        burst.publish(EVENTS, 100, 200);

        BRIDGE.start();
        assertThat(AsTransactions.put(BRIDGE.url(), txnId, launch)).as("replayed after the restart").isEqualTo(200);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(burst::delivered, n -> n >= burst.total());
        burst.assertEveryEventOnceInOrder();
        assertThat(atKill).as("killed mid-burst").isLessThan(burst.total());
        assertThat(AsTransactions.inboundEventsOf(EVENTS, room)).isEqualTo(1);
    }
}
