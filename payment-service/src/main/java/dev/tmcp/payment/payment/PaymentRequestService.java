package dev.tmcp.payment.payment;

import dev.tmcp.core.crypto.Digests;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.id.Ids;
import dev.tmcp.core.id.RoomId;
import dev.tmcp.core.money.Money;
import dev.tmcp.payment.rooms.RoomMembership;
import dev.tmcp.web.idempotency.Idempotent;
import dev.tmcp.web.tep.TepPrincipal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Payment requests (spec 7.3.1): the mini-app named by the TEP's client is the merchant, the TEP's
 * user the payer. Idempotent per (payer, idempotency key): the same key with the same request
 * answers the stored payment, with a different request {@code 409 DUPLICATE_TRANSACTION}.
 */
@Service
class PaymentRequestService {

    private final PaymentRepository payments;
    private final PaymentProperties properties;
    private final RoomMembership rooms;

    PaymentRequestService(PaymentRepository payments, PaymentProperties properties, RoomMembership rooms) {
        this.payments = payments;
        this.rooms = rooms;
        this.properties = properties;
    }

    Mono<Payment> request(TepPrincipal payer, PaymentRequests.Create request) {
        Money amount = Money.parsePositive(request.amount(), request.currency());
        String items = items(request.items(), amount);
        String callbackUrl = callbackUrl(request.callbackUrl());
        Object contextRoom = payer.miniappContext().get("room_id");
        String roomId = contextRoom instanceof String room && RoomId.isValid(room) ? room : null;
        String hash = Digests.sha256Hex(String.join("|", payer.clientId(), Long.toString(amount.minorUnits()),
                amount.currencyCode(), String.valueOf(request.description()), String.valueOf(request.merchantOrderId()),
                String.valueOf(items), String.valueOf(callbackUrl)));
        Instant now = Instant.now();
        Payment candidate = new Payment(Ids.next("pay_"), request.idempotencyKey(), hash, payer.userId().value(),
                payer.walletId(), payer.clientId(), null, amount, request.description(), request.merchantOrderId(),
                items, callbackUrl, roomId, PaymentStatus.PENDING_AUTHORIZATION, null, false, null, null, 0, null, null,
                null, now.plus(properties.requestTtl()), null, null, now);
        // payment.completed goes to the launch room: only a member's payment may (decision 0026).
        return rooms.requireMember(payer, roomId)
                .then(Idempotent.insertOrReplay(payments.insert(candidate),
                        payments.byKey(candidate.payerUserId(), candidate.idempotencyKey()),
                        stored -> stored.requestHash().equals(hash),
                        "This idempotency key was already used for a different payment"));
    }

    /** Items are optional; when given, each has a quantity of at least 1 and together they make the amount. */
    private static String items(List<PaymentRequests.Item> items, Money amount) {
        if (items == null || items.isEmpty()) {
            return null;
        }
        Money total = Money.zero(amount.currencyCode());
        for (PaymentRequests.Item item : items) {
            Money unitPrice = Money.parse(item.unitPrice(), amount.currencyCode());
            if (unitPrice.minorUnits() < 0) {
                throw invalid("items[].unit_price must not be negative");
            }
            try {
                total = total.plus(Money.ofMinor(Math.multiplyExact(unitPrice.minorUnits(), (long) item.quantity()),
                        amount.currencyCode()));
            } catch (ArithmeticException e) {
                throw new TmcpException(ErrorCode.INVALID_AMOUNT, "The items add up to more than any amount allowed");
            }
        }
        if (total.minorUnits() != amount.minorUnits()) {
            throw new TmcpException(ErrorCode.INVALID_AMOUNT, "The items add up to " + total.toDecimal().toPlainString()
                    + ", not to the amount", java.util.Map.of("items_total", total.toDecimal(), "amount", amount.toDecimal()));
        }
        return EventCodec.tree(items).toString();
    }

    /** Spec 9.1.2: the suite calls only HTTPS endpoints. */
    private static String callbackUrl(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw invalid("callback_url must be an https URL");
            }
            return url;
        } catch (IllegalArgumentException e) {
            throw invalid("callback_url must be an https URL");
        }
    }

    private static TmcpException invalid(String message) {
        return new TmcpException(ErrorCode.INVALID_REQUEST, message);
    }
}
