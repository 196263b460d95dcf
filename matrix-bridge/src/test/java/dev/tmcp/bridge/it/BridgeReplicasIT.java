package dev.tmcp.bridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Two bridge replicas on one database and one consumer group (spec 13.2): the homeserver's
 * transactions may land on either, and one replica is killed with SIGKILL in the middle of a burst.
 */
class BridgeReplicasIT {

    static final SuiteEvents EVENTS = new SuiteEvents();
    static final BridgeProcess FIRST = new BridgeProcess(EVENTS);
    static final BridgeProcess SECOND = FIRST.replica();

    @AfterAll
    static void cleanUp() {
        FIRST.close();
        SECOND.close();
        EVENTS.close();
    }

    @Test
    void aReplicaKilledMidBurstLosesAndDuplicatesNoCardAndKeepsEachRoomsOrder() {
        startBoth();
        Burst burst = new Burst(6, 30);

        burst.publish(EVENTS, 0, 90);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(burst::delivered, n -> n >= 10);
        FIRST.kill();
        int atKill = burst.delivered();
        burst.publish(EVENTS, 90, 180);

        // The killed replica's partitions move after the consumer session times out, its claimed
        // room heads after their lease.
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2))
                .until(burst::delivered, n -> n >= burst.total());
        burst.assertEveryEventOnceInOrder();
        assertThat(atKill).as("killed mid-burst").isLessThan(burst.total());
    }

    @Test
    void aTransactionTheHomeserverSendsToBothReplicasIsAppliedOnce() throws Exception {
        startBoth();
        Burst burst = new Burst(1, 1);
        String room = burst.rooms.get(0);
        String txnId = "replicas-" + UUID.randomUUID();
        Map<String, Object> launch = AsTransactions.launch(room, burst.reader.userId(), txnId);

        assertThat(AsTransactions.put(FIRST.url(), txnId, launch)).isEqualTo(200);
        assertThat(AsTransactions.put(SECOND.url(), txnId, launch)).isEqualTo(200);
        assertThat(AsTransactions.inboundEventsOf(EVENTS, room)).isEqualTo(1);
    }

    private static void startBoth() {
        FIRST.startIfStopped();
        SECOND.startIfStopped();
    }
}
