package dev.tmcp.bridge.outgoing;

import dev.tmcp.web.tracing.TraceContext;
import java.time.Duration;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The durable per-room queue of outgoing room events (table {@code room_outbox}). A room's head is
 * its oldest open row; only the head is ever claimed, and a claim is a lease, so a room has at
 * most one event in flight across all bridge replicas and events leave in the order they came.
 */
@Component
public class RoomOutbox {

    private static final String OPEN = "('pending', 'waiting_invite', 'unreachable')";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final DatabaseClient db;

    RoomOutbox(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Queues an event; a second call with the same source event and room changes nothing. Call it
     * in the transaction that records why the event exists.
     */
    public Mono<Boolean> enqueue(String sourceEventId, RoomEvent event, TraceContext trace) {
        GenericExecuteSpec spec = db.sql("insert into room_outbox (source_event_id, room, event_type, state_key, "
                        + "sender, sender_display_name, content, inviter, traceparent, request_id) values (:source, :room, :type, "
                        + ":stateKey, :sender, :senderName, :content, :inviter, :traceparent, :requestId) "
                        + "on conflict (source_event_id, room) do nothing")
                .bind("source", sourceEventId)
                .bind("room", event.room())
                .bind("type", event.type())
                .bind("sender", event.senderLocalpart())
                .bind("content", JSON.writeValueAsString(event.content()));
        spec = nullable(spec, "stateKey", event.stateKey());
        spec = nullable(spec, "senderName", event.senderDisplayName());
        spec = nullable(spec, "inviter", event.inviter());
        spec = nullable(spec, "traceparent", trace.traceparent());
        spec = nullable(spec, "requestId", trace.requestId());
        return spec.fetch().rowsUpdated().map(n -> n == 1);
    }

    /** Rooms whose head is due and not leased, oldest first. */
    Flux<String> readyRooms(int limit) {
        return db.sql("select room from (select distinct on (room) room, seq, next_attempt_at, lease_until "
                        + "from room_outbox where status in " + OPEN + " order by room, seq) head "
                        + "where next_attempt_at <= now() and (lease_until is null or lease_until < now()) "
                        + "order by seq limit " + limit)
                .map(r -> r.get("room", String.class)).all();
    }

    /** Leases the room's head if it is due; empty when the room is empty, waiting or in flight elsewhere. */
    Mono<QueuedEvent> claimHead(String room, Duration lease) {
        return db.sql("update room_outbox set lease_until = now() + make_interval(secs => :lease), "
                        + "attempts = attempts + 1 where seq = (select seq from room_outbox where room = :room "
                        + "and status in " + OPEN + " order by seq limit 1) and next_attempt_at <= now() "
                        + "and (lease_until is null or lease_until < now()) returning seq, source_event_id, room, "
                        + "event_type, state_key, sender, sender_display_name, content, inviter, attempts, traceparent, request_id, created_at")
                .bind("lease", (double) lease.toSeconds())
                .bind("room", room)
                .map(r -> new QueuedEvent(r.get("seq", Long.class), r.get("source_event_id", String.class),
                        new RoomEvent(r.get("room", String.class), r.get("event_type", String.class),
                                r.get("state_key", String.class), r.get("sender", String.class),
                                r.get("sender_display_name", String.class),
                                JSON.readValue(r.get("content", String.class), MAP), r.get("inviter", String.class)),
                        r.get("attempts", Integer.class),
                        new TraceContext(r.get("traceparent", String.class), r.get("request_id", String.class)),
                        r.get("created_at", java.time.OffsetDateTime.class).toInstant()))
                .one();
    }

    Mono<Void> delivered(long seq, String matrixRoomId, String matrixEventId) {
        return db.sql("update room_outbox set status = 'delivered', matrix_room_id = :roomId, matrix_event_id = :eventId, "
                        + "delivered_at = now(), lease_until = null, last_error = null where seq = :seq")
                .bind("roomId", matrixRoomId).bind("eventId", matrixEventId).bind("seq", seq)
                .fetch().rowsUpdated().then();
    }

    /** The room stays blocked behind this row until the delay has passed. */
    Mono<Void> retryLater(long seq, Duration delay, String error) {
        return db.sql("update room_outbox set next_attempt_at = now() + make_interval(secs => :delay), "
                        + "lease_until = null, last_error = :error where seq = :seq")
                .bind("delay", delay.toMillis() / 1000.0).bind("error", truncate(error)).bind("seq", seq)
                .fetch().rowsUpdated().then();
    }

    /** The sender cannot enter the room: wait for an invite ({@link #wake}), and look again after {@code recheck}. */
    Mono<Void> waitForInvite(long seq, Duration recheck, String error) {
        return db.sql("update room_outbox set status = 'waiting_invite', "
                        + "next_attempt_at = now() + make_interval(secs => :recheck), lease_until = null, "
                        + "last_error = :error where seq = :seq")
                .bind("recheck", (double) recheck.toSeconds())
                .bind("error", truncate(error)).bind("seq", seq)
                .fetch().rowsUpdated().then();
    }

    /**
     * The event could not be delivered after its retries: it leaves the head of its room (the
     * room's later events go on) and waits for an operator ({@link #redeliver}) or an invite.
     */
    Mono<Void> park(long seq, String error) {
        return db.sql("update room_outbox set status = 'parked', parked_at = now(), lease_until = null, "
                        + "last_error = :error where seq = :seq")
                .bind("error", truncate(error)).bind("seq", seq)
                .fetch().rowsUpdated().then();
    }

    /** Parked events, oldest first. */
    public Flux<ParkedEvent> parked(int limit) {
        return db.sql("select seq, source_event_id, room, event_type, sender, attempts, last_error, created_at, parked_at "
                        + "from room_outbox where status = 'parked' order by seq limit :limit")
                .bind("limit", limit)
                .map(r -> new ParkedEvent(r.get("seq", Long.class), r.get("source_event_id", String.class),
                        r.get("room", String.class), r.get("event_type", String.class), r.get("sender", String.class),
                        r.get("attempts", Integer.class), r.get("last_error", String.class),
                        r.get("created_at", java.time.OffsetDateTime.class).toInstant(),
                        r.get("parked_at", java.time.OffsetDateTime.class).toInstant()))
                .all();
    }

    /**
     * Puts a parked event back in its room's queue with fresh attempts. Its seq is older than the
     * room's open events, so it is the room's next event. Emits false when no such event is parked.
     */
    public Mono<Boolean> redeliver(long seq) {
        return db.sql("update room_outbox set status = 'pending', attempts = 0, next_attempt_at = now(), "
                        + "parked_at = null, lease_until = null where seq = :seq and status = 'parked'")
                .bind("seq", seq).fetch().rowsUpdated().map(n -> n == 1);
    }

    Mono<Long> parkedCount() {
        return db.sql("select count(*) as n from room_outbox where status = 'parked'")
                .map(r -> r.get("n", Long.class)).one();
    }

    /** The homeserver refuses this event for good (malformed, too large): it is set aside, the room moves on. */
    Mono<Void> rejected(long seq, String error) {
        return db.sql("update room_outbox set status = 'rejected', lease_until = null, last_error = :error where seq = :seq")
                .bind("error", truncate(error)).bind("seq", seq)
                .fetch().rowsUpdated().then();
    }

    /** An invite arrived for a bridge user: the room's waiting (and parked) events are due now. */
    public Mono<Long> wake(String roomId) {
        return db.sql("update room_outbox set status = 'pending', attempts = 0, parked_at = null, next_attempt_at = now() "
                        + "where status in ('waiting_invite', 'unreachable', 'parked') "
                        + "and (room = :room or matrix_room_id = :room)")
                .bind("room", roomId).fetch().rowsUpdated();
    }

    /** Forgets delivered and rejected rows older than {@code keep}; Kafka redeliveries are caught by processed_event. */
    Mono<Long> prune(Duration keep) {
        return db.sql("delete from room_outbox where status in ('delivered', 'rejected') "
                        + "and created_at < now() - make_interval(secs => :keep)")
                .bind("keep", (double) keep.toSeconds()).fetch().rowsUpdated();
    }

    /** Open rows by status, for the metrics. */
    Flux<Map.Entry<String, Long>> openCounts() {
        return db.sql("select status, count(*) as n from room_outbox where status in " + OPEN + " group by status")
                .map(r -> Map.entry(r.get("status", String.class), r.get("n", Long.class))).all();
    }

    private static GenericExecuteSpec nullable(GenericExecuteSpec spec, String name, String value) {
        return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 500 ? error : error.substring(0, 500);
    }
}
