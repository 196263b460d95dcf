package dev.tmcp.appstore.webhook;

import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.core.event.auth.ScopeRevoked;
import dev.tmcp.core.event.payment.PaymentCompleted;
import dev.tmcp.core.event.payment.PaymentFailed;
import dev.tmcp.core.event.payment.PaymentRefunded;
import dev.tmcp.core.event.wallet.WalletUpdated;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Suite events that become webhooks (spec 9.1.2 table), with the spec's fields plus what a backend
 * needs to act without another call. Amounts stay decimal numbers in the currency's unit, as
 * everywhere in the API.
 */
final class WebhookEvents {

    /**
     * A webhook for {@code miniappId}: {@code data} is the body's {@code data} object; sent to
     * {@code targetUrl} when the event names one (a payment's {@code callback_url}), else to the
     * app's {@code webhook_url}.
     */
    record Outgoing(String miniappId, String event, Map<String, Object> data, String targetUrl) {

        Outgoing(String miniappId, String event, Map<String, Object> data) {
            this(miniappId, event, data, null);
        }
    }

    private WebhookEvents() {
    }

    static Optional<Outgoing> of(EventEnvelope envelope) {
        return switch (envelope.type()) {
            case PaymentCompleted.TYPE -> {
                PaymentCompleted p = EventCodec.data(envelope, PaymentCompleted.class);
                Map<String, Object> data = fields("payment_id", p.paymentId(), "transaction_id", p.txnId(),
                        "amount", p.amount(), "currency", p.currency(), "user_id", p.payer() == null ? null : p.payer().userId(),
                        "miniapp_id", p.miniappId(), "description", p.description(), "room_id", p.roomId(),
                        "timestamp", p.timestamp());
                yield Optional.of(new Outgoing(p.miniappId(), PaymentCompleted.TYPE, data, p.callbackUrl()));
            }
            case PaymentFailed.TYPE -> {
                PaymentFailed p = EventCodec.data(envelope, PaymentFailed.class);
                yield Optional.of(new Outgoing(p.miniappId(), PaymentFailed.TYPE, fields("payment_id", p.paymentId(),
                        "error_code", p.errorCode(), "error_message", p.errorMessage(), "amount", p.amount(),
                        "currency", p.currency(), "user_id", p.payer() == null ? null : p.payer().userId(),
                        "miniapp_id", p.miniappId(), "timestamp", p.timestamp()), p.callbackUrl()));
            }
            case PaymentRefunded.TYPE -> {
                PaymentRefunded p = EventCodec.data(envelope, PaymentRefunded.class);
                yield Optional.of(new Outgoing(p.miniappId(), PaymentRefunded.TYPE, fields("payment_id", p.paymentId(),
                        "refund_id", p.refundId(), "transaction_id", p.txnId(), "amount", p.amount(),
                        "currency", p.currency(), "user_id", p.payer() == null ? null : p.payer().userId(),
                        "reason", p.reason(), "miniapp_id", p.miniappId(), "timestamp", p.timestamp())));
            }
            case ScopeRevoked.TYPE -> {
                ScopeRevoked s = EventCodec.data(envelope, ScopeRevoked.class);
                yield Optional.of(new Outgoing(s.clientId(), ScopeRevoked.TYPE, fields("user_id", s.userId(),
                        "revoked_scopes", s.revokedScopes(), "reason", s.reason(), "miniapp_id", s.clientId(),
                        "timestamp", Instant.ofEpochSecond(s.revokedAt()).toString())));
            }
            case WalletUpdated.TYPE -> {
                WalletUpdated w = EventCodec.data(envelope, WalletUpdated.class);
                yield w.miniappId() == null ? Optional.empty()
                        : Optional.of(new Outgoing(w.miniappId(), WalletUpdated.TYPE, fields("user_id", w.userId(),
                                "wallet_id", w.walletId(), "old_balance", w.oldBalance(), "new_balance", w.newBalance(),
                                "currency", w.currency(), "reason", w.reason(), "reference", w.reference(),
                                "miniapp_id", w.miniappId(), "timestamp", w.timestamp())));
            }
            default -> Optional.empty();
        };
    }

    /** Key-value pairs in order, without the null values. */
    static Map<String, Object> fields(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                map.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return map;
    }
}
