package dev.tmcp.payment.callback;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.core.event.Topics;
import dev.tmcp.core.event.payment.Payer;
import dev.tmcp.core.event.payment.PaymentCompleted;
import dev.tmcp.core.event.payment.PaymentFailed;
import dev.tmcp.core.event.payment.PaymentRefunded;
import dev.tmcp.core.id.RoomId;
import dev.tmcp.core.id.UserId;
import dev.tmcp.core.money.Money;
import dev.tmcp.web.outbox.OutboxWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Turns a verified wallet callback into exactly one domain event (spec 4.11.7–4.11.8): the
 * idempotency key {@code payment_event:{transaction_id}} answers replays from Redis for 24 h; the
 * {@code wallet_callback} row, written with the outbox event in one transaction, keeps it exactly
 * once beyond that. matrix-bridge turns the event into the room's {@code m.tween.payment.*} card.
 */
@Service
class WalletCallbacks {

    static final Duration IDEMPOTENCY_TTL = Duration.ofHours(24);

    private final DatabaseClient db;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final ReactiveStringRedisTemplate redis;

    WalletCallbacks(DatabaseClient db, OutboxWriter outbox, TransactionalOperator tx, ReactiveStringRedisTemplate redis) {
        this.db = db;
        this.outbox = outbox;
        this.tx = tx;
        this.redis = redis;
    }

    /** The answer of 4.11.8, as the callback's response body. */
    record Outcome(String eventId, boolean idempotent, String transactionId) {
    }

    Mono<Outcome> accept(WalletCallback callback) {
        EventEnvelope event = envelope(callback);
        String key = "payment_event:" + callback.transactionId();
        return redis.opsForValue().get(key)
                .map(eventId -> new Outcome(eventId, true, callback.transactionId()))
                .switchIfEmpty(Mono.defer(() -> record(callback, event)))
                .flatMap(outcome -> redis.opsForValue().set(key, outcome.eventId(), IDEMPOTENCY_TTL).thenReturn(outcome));
    }

    private Mono<Outcome> record(WalletCallback callback, EventEnvelope event) {
        return db.sql("insert into wallet_callback (transaction_id, event_id, event_type) values (:txn, :event, :type) "
                        + "on conflict (transaction_id) do nothing")
                .bind("txn", callback.transactionId()).bind("event", event.id()).bind("type", callback.event())
                .fetch().rowsUpdated()
                .flatMap(inserted -> inserted == 1
                        ? outbox.append(Topics.PAYMENT, event).thenReturn(new Outcome(event.id(), false, callback.transactionId()))
                        : db.sql("select event_id from wallet_callback where transaction_id = :txn")
                                .bind("txn", callback.transactionId())
                                .map((row, meta) -> new Outcome(row.get("event_id", String.class), true, callback.transactionId()))
                                .one())
                .as(tx::transactional);
    }

    private static EventEnvelope envelope(WalletCallback c) {
        validate(c);
        Money money = Money.parsePositive(c.amount(), c.currency());
        Payer payer = new Payer(c.sender().userId(), c.sender().walletId());
        String miniappId = c.recipient() == null ? null : c.recipient().miniappId();
        String miniappName = c.recipient() == null ? null : c.recipient().name();
        String timestamp = c.timestamp() == null ? Instant.now().toString() : c.timestamp();
        Object data = switch (c.event()) {
            case PaymentCompleted.TYPE -> new PaymentCompleted(c.paymentId(), c.transactionId(), money.toDecimal(),
                    money.currency().getCurrencyCode(), payer, miniappId, miniappName, c.roomId(), c.note(), timestamp);
            case PaymentFailed.TYPE -> new PaymentFailed(c.paymentId(), money.toDecimal(), money.currency().getCurrencyCode(),
                    payer, miniappId, miniappName, c.roomId(), c.errorCode() == null ? "PAYMENT_FAILED" : c.errorCode(),
                    c.reason(), timestamp);
            case PaymentRefunded.TYPE -> new PaymentRefunded(c.paymentId(), null, c.transactionId(), money.toDecimal(),
                    money.currency().getCurrencyCode(), payer, miniappId, miniappName, c.roomId(), c.reason(), timestamp);
            default -> throw new IllegalStateException("validated above");
        };
        return EventCodec.envelope(c.event(), "payment-service", c.transactionId(), data);
    }

    private static void validate(WalletCallback c) {
        if (c.event() == null || !java.util.Set.of(PaymentCompleted.TYPE, PaymentFailed.TYPE, PaymentRefunded.TYPE)
                .contains(c.event())) {
            throw invalid("event must be payment.completed, payment.failed or payment.refunded");
        }
        if (c.transactionId() == null || !c.transactionId().matches("[A-Za-z0-9_.:-]{1,120}")) {
            throw invalid("transaction_id is required (letters, digits, _ . : -, at most 120)");
        }
        if (c.amount() == null || c.currency() == null) {
            throw invalid("amount and currency are required");
        }
        if (c.sender() == null || !UserId.isValid(c.sender().userId())) {
            throw invalid("sender.user_id must be a Matrix user id");
        }
        if (c.roomId() != null && !RoomId.isValid(c.roomId())) {
            throw invalid("room_id must be a Matrix room id");
        }
    }

    private static TmcpException invalid(String message) {
        return new TmcpException(ErrorCode.INVALID_REQUEST, message, Map.of());
    }
}
