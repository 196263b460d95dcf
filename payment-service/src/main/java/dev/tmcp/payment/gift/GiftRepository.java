package dev.tmcp.payment.gift;

import dev.tmcp.core.money.Money;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class GiftRepository {

    private final DatabaseClient db;

    GiftRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts the gift unless the sender already used this idempotency key (then it does nothing). */
    Mono<Long> insert(Gift g) {
        return db.sql("insert into gift (gift_id, idempotency_key, request_hash, sender_user_id, gift_type, "
                        + "recipient_user_id, room_id, total_minor, currency, share_count, remaining, distribution, shares, "
                        + "message, status, expires_at) values (:id, :key, :hash, :sender, :type, :recipient, :room, :total, "
                        + ":currency, :count, :count, :distribution, :shares, :message, :status, :expires) "
                        + "on conflict (sender_user_id, idempotency_key) do nothing")
                .bind("id", g.giftId()).bind("key", g.idempotencyKey()).bind("hash", g.requestHash())
                .bind("sender", g.senderUserId()).bind("type", g.type())
                .bind("recipient", nullable(g.recipientUserId())).bind("room", nullable(g.roomId()))
                .bind("total", g.total().minorUnits()).bind("currency", g.total().currencyCode())
                .bind("count", g.count()).bind("distribution", g.distribution())
                .bind("shares", g.shares().toArray(Long[]::new)).bind("message", nullable(g.message()))
                .bind("status", g.status().wire()).bind("expires", g.expiresAt().atOffset(java.time.ZoneOffset.UTC))
                .fetch().rowsUpdated();
    }

    /** The gift a sender made under an idempotency key. */
    Mono<Gift> byKey(String sender, String idempotencyKey) {
        return db.sql("select * from gift where sender_user_id = :sender and idempotency_key = :key")
                .bind("sender", sender).bind("key", idempotencyKey)
                .map(GiftRepository::gift).one();
    }

    Mono<Gift> find(String giftId) {
        return db.sql("select * from gift where gift_id = :id").bind("id", giftId).map(GiftRepository::gift).one();
    }

    Mono<Gift> lock(String giftId) {
        return db.sql("select * from gift where gift_id = :id for update").bind("id", giftId)
                .map(GiftRepository::gift).one();
    }

    /** The wallet refused the hold, so nothing is held: the key is free for a new attempt. */
    Mono<Long> deleteUnfunded(String giftId) {
        return db.sql("delete from gift where gift_id = :id and status = 'created'").bind("id", giftId)
                .fetch().rowsUpdated();
    }

    Mono<Long> activate(String giftId, String holdId, String eventId) {
        return db.sql("update gift set status = 'active', hold_id = :hold, event_id = :event, updated_at = now() "
                        + "where gift_id = :id and status = 'created'")
                .bind("hold", holdId).bind("event", eventId).bind("id", giftId)
                .fetch().rowsUpdated();
    }

    Mono<Long> takeShare(Gift g) {
        return db.sql("update gift set remaining = :remaining, status = :status, updated_at = now() where gift_id = :id")
                .bind("remaining", g.remaining() - 1)
                .bind("status", g.afterShareTaken().wire())
                .bind("id", g.giftId())
                .fetch().rowsUpdated();
    }

    Mono<GiftOpening> insertOpening(GiftOpening o) {
        return db.sql("insert into gift_opening (gift_id, user_id, rank, amount_minor, status, opened_at) "
                        + "values (:gift, :user, :rank, :amount, :status, :opened)")
                .bind("gift", o.giftId()).bind("user", o.userId()).bind("rank", o.rank())
                .bind("amount", o.amount().minorUnits()).bind("status", o.status().wire())
                .bind("opened", o.openedAt().atOffset(java.time.ZoneOffset.UTC))
                .fetch().rowsUpdated()
                .thenReturn(o);
    }

    Mono<GiftOpening> opening(String giftId, String userId) {
        return db.sql("select o.*, g.currency from gift_opening o join gift g using (gift_id) "
                        + "where o.gift_id = :gift and o.user_id = :user")
                .bind("gift", giftId).bind("user", userId).map(GiftRepository::opening).one();
    }

    /** Who has a share (claimed or paid), in the order they opened. */
    Flux<GiftOpening> openings(String giftId) {
        return db.sql("select o.*, g.currency from gift_opening o join gift g using (gift_id) "
                        + "where o.gift_id = :gift and o.status <> 'refused' order by o.rank")
                .bind("gift", giftId).map(GiftRepository::opening).all();
    }

    /** Paid shares, largest first (the leaderboard of 7.5.4). */
    Flux<GiftOpening> leaderboard(String giftId, int limit) {
        return db.sql("select o.*, g.currency from gift_opening o join gift g using (gift_id) "
                        + "where o.gift_id = :gift and o.status = 'paid' order by o.amount_minor desc, o.rank limit " + limit)
                .bind("gift", giftId).map(GiftRepository::opening).all();
    }

    Mono<Long> markPaid(GiftOpening o, String ledgerTxnId, String eventId) {
        return db.sql("update gift_opening set status = 'paid', paid_at = now(), ledger_txn_id = :txn, event_id = :event "
                        + "where gift_id = :gift and user_id = :user and status = 'claimed'")
                .bind("txn", ledgerTxnId).bind("event", eventId).bind("gift", o.giftId()).bind("user", o.userId())
                .fetch().rowsUpdated();
    }

    Mono<Long> markRefused(GiftOpening o) {
        return db.sql("update gift_opening set status = 'refused' where gift_id = :gift and user_id = :user "
                        + "and status = 'claimed'")
                .bind("gift", o.giftId()).bind("user", o.userId())
                .fetch().rowsUpdated();
    }

    /** Claims the wallet has not confirmed for a while: a crash or an outage after the claim committed. */
    Flux<GiftOpening> staleClaims(Instant before, int limit) {
        return db.sql("select o.*, g.currency from gift_opening o join gift g using (gift_id) "
                        + "where o.status = 'claimed' and o.opened_at < :before order by o.opened_at limit " + limit)
                .bind("before", before.atOffset(java.time.ZoneOffset.UTC)).map(GiftRepository::opening).all();
    }

    /** Expired gifts not yet settled, locked; replicas skip each other's rows. */
    Flux<Gift> lockDueForExpiry(int limit) {
        return db.sql("select * from gift where released_at is null and release_minor is null and status <> 'created' "
                        + "and expires_at <= now() order by expires_at limit " + limit + " for update skip locked")
                .map(GiftRepository::gift).all();
    }

    /** What the openers were given (or are being given): the rest of the hold is the sender's. */
    Mono<Long> sharedMinor(String giftId) {
        return db.sql("select coalesce(sum(amount_minor), 0) from gift_opening where gift_id = :gift and status <> 'refused'")
                .bind("gift", giftId).map(r -> r.get(0, Long.class)).one();
    }

    Mono<Long> settle(String giftId, GiftStatus status, long releaseMinor) {
        return db.sql("update gift set status = :status, release_minor = :release, updated_at = now() where gift_id = :id")
                .bind("status", status.wire()).bind("release", releaseMinor).bind("id", giftId)
                .fetch().rowsUpdated();
    }

    /** Gifts still {@code created} long after their creation: the sender's request died before the gift was funded. */
    Flux<Gift> lockAbandoned(Instant createdBefore, int limit) {
        return db.sql("select * from gift where status = 'created' and created_at < :before order by created_at limit "
                        + limit + " for update skip locked")
                .bind("before", createdBefore)
                .map(GiftRepository::gift).all();
    }

    /** Cancels an unfunded gift; whatever its lost hold took goes back to the sender by the release step. */
    Mono<Long> cancel(String giftId, String holdId, long releaseMinor) {
        return db.sql("update gift set status = 'cancelled', hold_id = :hold, release_minor = :release, updated_at = now() "
                        + "where gift_id = :id and status = 'created'")
                .bind("hold", Parameter.fromOrEmpty(holdId, String.class)).bind("release", releaseMinor).bind("id", giftId)
                .fetch().rowsUpdated();
    }

    Flux<Gift> dueForRelease(int limit) {
        return db.sql("select * from gift where release_minor is not null and released_at is null "
                        + "order by expires_at limit " + limit)
                .map(GiftRepository::gift).all();
    }

    Mono<Long> markReleased(String giftId) {
        return db.sql("update gift set released_at = now(), updated_at = now() where gift_id = :id and released_at is null")
                .bind("id", giftId).fetch().rowsUpdated();
    }

    private static Parameter nullable(String value) {
        return Parameter.fromOrEmpty(value, String.class);
    }

    private static Gift gift(Readable r) {
        String currency = r.get("currency", String.class);
        Long[] shares = r.get("shares", Long[].class);
        return new Gift(r.get("gift_id", String.class), r.get("idempotency_key", String.class),
                r.get("request_hash", String.class), r.get("sender_user_id", String.class),
                r.get("gift_type", String.class), r.get("recipient_user_id", String.class),
                r.get("room_id", String.class), Money.ofMinor(r.get("total_minor", Long.class), currency),
                r.get("share_count", Integer.class), r.get("remaining", Integer.class),
                r.get("distribution", String.class), List.copyOf(Arrays.asList(shares)),
                r.get("message", String.class), GiftStatus.fromWire(r.get("status", String.class)),
                r.get("hold_id", String.class),
                r.get("event_id", String.class), instant(r, "expires_at"), r.get("release_minor", Long.class),
                instant(r, "released_at"), instant(r, "created_at"));
    }

    private static GiftOpening opening(Readable r) {
        return new GiftOpening(r.get("gift_id", String.class), r.get("user_id", String.class),
                r.get("rank", Integer.class),
                Money.ofMinor(r.get("amount_minor", Long.class), r.get("currency", String.class)),
                GiftOpeningStatus.fromWire(r.get("status", String.class)), instant(r, "opened_at"),
                r.get("ledger_txn_id", String.class), r.get("event_id", String.class));
    }

    private static Instant instant(Readable r, String column) {
        OffsetDateTime value = r.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
