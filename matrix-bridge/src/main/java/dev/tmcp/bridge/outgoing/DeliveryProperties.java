package dev.tmcp.bridge.outgoing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param pollInterval how often the queue is looked at when nothing nudges the worker
 * @param maxRooms rooms sent to at the same time (each room has one event in flight at most)
 * @param lease how long a claimed event is reserved for this replica; longer than any send
 * @param maxBackoff the longest wait between attempts after a homeserver error
 * @param inviteRecheck how often an event waiting for an invite tries to get into the room again
 * @param parkAfterAttempts attempts after which an event whose sender cannot enter the room is parked
 * @param parkAfterErrors attempts after which an event the homeserver keeps answering with an error is parked
 * @param keepDelivered how long sent (and rejected) rows stay in {@code room_outbox}, for inspection
 */
@ConfigurationProperties("tmcp.bridge.delivery")
public record DeliveryProperties(Duration pollInterval, int maxRooms, Duration lease, Duration maxBackoff,
        Duration inviteRecheck, int parkAfterAttempts, int parkAfterErrors, Duration keepDelivered) {

    public DeliveryProperties {
        pollInterval = pollInterval == null ? Duration.ofMillis(250) : pollInterval;
        maxRooms = maxRooms <= 0 ? 32 : maxRooms;
        lease = lease == null ? Duration.ofSeconds(60) : lease;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(15) : maxBackoff;
        inviteRecheck = inviteRecheck == null ? Duration.ofMinutes(1) : inviteRecheck;
        parkAfterAttempts = parkAfterAttempts <= 0 ? 3 : parkAfterAttempts;
        parkAfterErrors = parkAfterErrors <= 0 ? 20 : parkAfterErrors;
        keepDelivered = keepDelivered == null ? Duration.ofDays(7) : keepDelivered;
    }
}
