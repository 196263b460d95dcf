package dev.tmcp.payment.refund;

import dev.tmcp.core.money.Money;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class RefundRepository {

    private final DatabaseClient db;

    RefundRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Refund> find(String paymentId, String idempotencyKey) {
        return db.sql("select * from payment_refund where payment_id = :payment and idempotency_key = :key")
                .bind("payment", paymentId).bind("key", idempotencyKey)
                .map(RefundRepository::map).one();
    }

    Mono<Refund> find(String refundId) {
        return db.sql("select * from payment_refund where refund_id = :id").bind("id", refundId)
                .map(RefundRepository::map).one();
    }

    /** What pending and completed refunds take from the payment. */
    Mono<Long> reservedMinor(String paymentId) {
        return db.sql("select coalesce(sum(amount_minor), 0) as reserved from payment_refund "
                        + "where payment_id = :payment and status in ('pending', 'completed')")
                .bind("payment", paymentId)
                .map(r -> ((Number) r.get("reserved")).longValue()).one();
    }

    /** Refunds still pending that were created before {@code before}: their request died or lost its answer. */
    Flux<Refund> pendingBefore(Instant before, int limit) {
        return db.sql("select * from payment_refund where status = 'pending' and created_at < :before "
                        + "order by created_at limit :limit")
                .bind("before", before.atOffset(java.time.ZoneOffset.UTC)).bind("limit", limit)
                .map(RefundRepository::map).all();
    }

    Mono<Void> insert(Refund r) {
        return db.sql("insert into payment_refund (refund_id, payment_id, idempotency_key, request_hash, amount_minor, "
                        + "currency, reason, notes, status) values (:id, :payment, :key, :hash, :amount, :currency, "
                        + ":reason, :notes, 'pending')")
                .bind("id", r.refundId()).bind("payment", r.paymentId()).bind("key", r.idempotencyKey())
                .bind("hash", r.requestHash()).bind("amount", r.amount().minorUnits())
                .bind("currency", r.amount().currencyCode()).bind("reason", nullable(r.reason()))
                .bind("notes", nullable(r.notes()))
                .fetch().rowsUpdated().then();
    }

    Mono<Boolean> complete(String refundId, String txnId, String eventId) {
        return db.sql("update payment_refund set status = 'completed', txn_id = :txn, event_id = :event, "
                        + "completed_at = now() where refund_id = :id and status = 'pending'")
                .bind("txn", txnId).bind("event", eventId).bind("id", refundId)
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    Mono<Boolean> fail(String refundId, String errorCode) {
        return db.sql("update payment_refund set status = 'failed', error_code = :code "
                        + "where refund_id = :id and status = 'pending'")
                .bind("code", errorCode).bind("id", refundId)
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    private static Parameter nullable(String value) {
        return Parameter.fromOrEmpty(value, String.class);
    }

    private static Refund map(Readable r) {
        return new Refund(r.get("refund_id", String.class), r.get("payment_id", String.class),
                r.get("idempotency_key", String.class), r.get("request_hash", String.class),
                Money.ofMinor(r.get("amount_minor", Long.class), r.get("currency", String.class)),
                r.get("reason", String.class), r.get("notes", String.class), RefundStatus.fromWire(r.get("status", String.class)),
                r.get("txn_id", String.class), r.get("event_id", String.class), r.get("error_code", String.class),
                instant(r, "created_at"), instant(r, "completed_at"));
    }

    private static Instant instant(Readable r, String column) {
        OffsetDateTime value = r.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
