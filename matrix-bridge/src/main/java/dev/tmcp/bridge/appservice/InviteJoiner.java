package dev.tmcp.bridge.appservice;

import dev.tmcp.bridge.homeserver.MatrixApi;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Accepts the recorded invites of bridge users by joining. Tried right after the transaction that
 * recorded them, and again every 30 s while the homeserver fails; an invite the homeserver no
 * longer honours (4xx) is dropped with a log line. One pass runs at a time (a nudge during a pass
 * asks for one more), and a pass reads its invites before it joins, so it never holds a database
 * connection while it waits for the homeserver or for a second connection: a burst of transactions
 * once held every pooled connection that way and stalled the bridge.
 */
@Component
class InviteJoiner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InviteJoiner.class);

    private final DatabaseClient db;
    private final MatrixApi api;
    private final Sinks.Many<Boolean> nudges = Sinks.many().multicast().directBestEffort();
    private volatile Disposable loop;

    InviteJoiner(DatabaseClient db, MatrixApi api) {
        this.db = db;
        this.api = api;
    }

    void joinPending() {
        nudges.tryEmitNext(true);
    }

    private Mono<Void> joinAll() {
        return db.sql("select room_id, user_id from bot_invite where joined_at is null order by invited_at limit 100")
                .map(r -> new String[] {r.get("room_id", String.class), r.get("user_id", String.class)})
                .all()
                .collectList()
                .flatMapMany(Flux::fromIterable)
                .concatMap(invite -> join(invite[0], invite[1]))
                .onErrorResume(e -> Mono.empty())
                .then();
    }

    private Mono<Void> join(String roomId, String userId) {
        return api.join(roomId, userId)
                .then(markJoined(roomId, userId))
                .onErrorResume(MatrixApi.MatrixError.class, e -> {
                    log.warn("room={} user_id={} invite not accepted: {}", roomId, userId, e.errcode());
                    return markJoined(roomId, userId);
                })
                .onErrorResume(e -> {
                    log.warn("room={} user_id={} join failed, will retry: {}", roomId, userId, e.toString());
                    return Mono.empty();
                });
    }

    private Mono<Void> markJoined(String roomId, String userId) {
        return db.sql("update bot_invite set joined_at = now() where room_id = :room and user_id = :user")
                .bind("room", roomId).bind("user", userId).fetch().rowsUpdated().then();
    }

    @Override
    public void start() {
        loop = Flux.merge(Flux.interval(Duration.ofSeconds(30)).map(tick -> true), nudges.asFlux())
                .onBackpressureLatest()
                .concatMap(pass -> joinAll(), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable current = loop;
        if (current != null) {
            current.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        Disposable current = loop;
        return current != null && !current.isDisposed();
    }
}
