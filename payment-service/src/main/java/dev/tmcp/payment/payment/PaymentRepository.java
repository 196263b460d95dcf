package dev.tmcp.payment.payment;

import dev.tmcp.core.money.Money;
import dev.tmcp.core.id.WalletId;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code payment} table. Every status change is a conditional update from the states it may
 * leave, so two racing requests (or a request and the recovery job) cannot both win a transition.
 */
@Repository
public class PaymentRepository {

    private final DatabaseClient db;

    PaymentRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts the payment unless the payer already used this idempotency key (then it does nothing). */
    Mono<Long> insert(Payment p) {
        return db.sql("insert into payment (payment_id, idempotency_key, request_hash, payer_user_id, payer_wallet_id, "
                        + "miniapp_id, amount_minor, currency, description, merchant_order_id, items, callback_url, room_id, "
                        + "status, expires_at) values (:id, :key, :hash, :payer, :payerWallet, :miniapp, :amount, :currency, "
                        + ":description, :orderId, :items, :callback, :room, :status, :expires) "
                        + "on conflict (payer_user_id, idempotency_key) do nothing")
                .bind("id", p.paymentId()).bind("key", p.idempotencyKey()).bind("hash", p.requestHash())
                .bind("payer", p.payerUserId()).bind("payerWallet", nullable(p.payerWalletId()))
                .bind("miniapp", p.miniappId()).bind("amount", p.amount().minorUnits())
                .bind("currency", p.amount().currencyCode()).bind("description", nullable(p.description()))
                .bind("orderId", nullable(p.merchantOrderId())).bind("items", nullable(p.items()))
                .bind("callback", nullable(p.callbackUrl())).bind("room", nullable(p.roomId()))
                .bind("status", p.status().wire()).bind("expires", p.expiresAt().atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated();
    }

    /** The payment a payer requested under an idempotency key. */
    Mono<Payment> byKey(String payer, String idempotencyKey) {
        return db.sql("select * from payment where payer_user_id = :payer and idempotency_key = :key")
                .bind("payer", payer).bind("key", idempotencyKey)
                .map(PaymentRepository::map).one();
    }

    public Mono<Payment> find(String paymentId) {
        return db.sql("select * from payment where payment_id = :id").bind("id", paymentId)
                .map(PaymentRepository::map).one();
    }

    /** Locks the row until the surrounding transaction ends. */
    public Mono<Payment> findForUpdate(String paymentId) {
        return db.sql("select * from payment where payment_id = :id for update").bind("id", paymentId)
                .map(PaymentRepository::map).one();
    }

    Mono<Boolean> expire(String paymentId) {
        return update("update payment set status = 'expired', updated_at = now() where payment_id = :id "
                + "and status in ('pending_authorization', 'mfa_required') and expires_at < now()", paymentId);
    }

    Mono<Boolean> requireMfa(String paymentId, String challengeId) {
        return db.sql("update payment set status = 'mfa_required', mfa_challenge_id = :challenge, updated_at = now() "
                        + "where payment_id = :id and status in ('pending_authorization', 'mfa_required') and not mfa_verified")
                .bind("challenge", challengeId).bind("id", paymentId)
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    Mono<Boolean> mfaVerified(String paymentId) {
        return update("update payment set status = 'authorized', mfa_verified = true, authorized_at = now(), "
                + "updated_at = now() where payment_id = :id and status = 'mfa_required'", paymentId);
    }

    /** The payer's authorization is in: money may move now. */
    Mono<Boolean> startProcessing(String paymentId) {
        return update("update payment set status = 'processing', authorized_at = coalesce(authorized_at, now()), "
                + "updated_at = now() where payment_id = :id "
                + "and status in ('pending_authorization', 'mfa_required', 'authorized')", paymentId);
    }

    Mono<Boolean> holdPlaced(String paymentId, String holdId, WalletId payerWalletId) {
        return db.sql("update payment set hold_id = :hold, payer_wallet_id = :wallet, updated_at = now() "
                        + "where payment_id = :id and status = 'processing' and hold_id is null")
                .bind("hold", holdId).bind("wallet", payerWalletId.value()).bind("id", paymentId)
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    Mono<Boolean> complete(String paymentId, String txnId, WalletId merchantWalletId, String eventId) {
        return db.sql("update payment set status = 'completed', txn_id = :txn, merchant_wallet_id = :merchant, "
                        + "event_id = :event, completed_at = now(), updated_at = now() "
                        + "where payment_id = :id and status = 'processing'")
                .bind("txn", txnId).bind("merchant", merchantWalletId.value()).bind("event", eventId).bind("id", paymentId)
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    Mono<Boolean> fail(String paymentId, String errorCode, String errorMessage, String eventId) {
        return db.sql("update payment set status = 'failed', error_code = :code, error_message = :message, "
                        + "event_id = :event, updated_at = now() where payment_id = :id and status = 'processing'")
                .bind("code", errorCode).bind("message", nullable(truncate(errorMessage))).bind("event", eventId)
                .bind("id", paymentId)
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    /** Adds a completed refund to the payment; the caller holds the row lock. */
    public Mono<Boolean> addRefunded(String paymentId, long refundedMinor) {
        return db.sql("update payment set refunded_minor = refunded_minor + :refunded, "
                        + "status = case when refunded_minor + :refunded = amount_minor then 'refunded' "
                        + "else 'partially_refunded' end, updated_at = now() "
                        + "where payment_id = :id and status in ('completed', 'partially_refunded')")
                .bind("refunded", refundedMinor).bind("id", paymentId)
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    /** Payments left in {@code processing} longer than {@code olderThan}: the recovery job's work. */
    Flux<Payment> stuckInProcessing(Instant olderThan, int limit) {
        return db.sql("select * from payment where status = 'processing' and updated_at < :before "
                        + "order by updated_at limit :limit")
                .bind("before", olderThan.atOffset(ZoneOffset.UTC)).bind("limit", limit)
                .map(PaymentRepository::map).all();
    }

    /** Marks a stuck payment as looked at, so replicas and the next round skip it for a while. */
    Mono<Boolean> touch(String paymentId) {
        return update("update payment set updated_at = now() where payment_id = :id and status = 'processing'",
                paymentId);
    }

    private Mono<Boolean> update(String sql, String paymentId) {
        return db.sql(sql).bind("id", paymentId).fetch().rowsUpdated().map(n -> n == 1);
    }

    private static Parameter nullable(String value) {
        return Parameter.fromOrEmpty(value, String.class);
    }

    private static String truncate(String message) {
        return message == null || message.length() <= 500 ? message : message.substring(0, 500);
    }

    private static Payment map(Readable r) {
        return new Payment(r.get("payment_id", String.class), r.get("idempotency_key", String.class),
                r.get("request_hash", String.class), r.get("payer_user_id", String.class),
                r.get("payer_wallet_id", String.class), r.get("miniapp_id", String.class),
                r.get("merchant_wallet_id", String.class),
                Money.ofMinor(r.get("amount_minor", Long.class), r.get("currency", String.class)),
                r.get("description", String.class), r.get("merchant_order_id", String.class),
                r.get("items", String.class), r.get("callback_url", String.class), r.get("room_id", String.class),
                PaymentStatus.fromWire(r.get("status", String.class)), r.get("mfa_challenge_id", String.class),
                Boolean.TRUE.equals(r.get("mfa_verified", Boolean.class)), r.get("hold_id", String.class),
                r.get("txn_id", String.class), r.get("refunded_minor", Long.class), r.get("error_code", String.class),
                r.get("error_message", String.class), r.get("event_id", String.class),
                instant(r, "expires_at"), instant(r, "authorized_at"), instant(r, "completed_at"),
                instant(r, "created_at"));
    }

    private static Instant instant(Readable r, String column) {
        OffsetDateTime value = r.get(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
