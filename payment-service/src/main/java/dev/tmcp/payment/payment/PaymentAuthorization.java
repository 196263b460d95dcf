package dev.tmcp.payment.payment;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.money.Money;
import dev.tmcp.payment.failures.PaymentFailures;
import dev.tmcp.payment.wallet.WalletClient;
import dev.tmcp.web.tep.TepPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The payer's side of a payment (spec 7.3.2, 7.6): the device signature over
 * {@code payment_id:amount:currency:timestamp}, checked by the wallet with the key registered at
 * activation; above the MFA threshold a wallet challenge the payer must answer first; then
 * settlement. A payment already being settled is carried on by a retried authorize.
 */
@Service
class PaymentAuthorization {

    private final PaymentRepository payments;
    private final WalletClient wallet;
    private final PaymentSettlement settlement;
    private final PaymentFailures failures;
    private final PaymentProperties properties;

    PaymentAuthorization(PaymentRepository payments, WalletClient wallet, PaymentSettlement settlement,
            PaymentFailures failures, PaymentProperties properties) {
        this.payments = payments;
        this.wallet = wallet;
        this.settlement = settlement;
        this.failures = failures;
        this.properties = properties;
    }

    Mono<Payment> authorize(TepPrincipal payer, String paymentId, PaymentRequests.Authorize request) {
        return own(payer, paymentId).flatMap(payment -> {
            if (!payment.awaitingPayer()) {
                return carryOn(payment, payer);
            }
            return requireFresh(request.timestamp())
                    .then(failures.requireNotLocked(payment.payerUserId()))
                    .then(wallet.verify(payer, new WalletClient.AuthProof("biometric", Map.of("signature", request.signature(),
                            "device_id", request.deviceId(), "timestamp", request.timestamp()),
                            payment.signedMessage(request.timestamp()))))
                    .then(Mono.defer(() -> needsMfa(payment) && !payment.mfaVerified()
                            ? challenge(payer, payment)
                            : settlement.settle(payment, payer)));
        });
    }

    Mono<Payment> verifyMfa(TepPrincipal payer, String paymentId, PaymentRequests.MfaVerify request) {
        return own(payer, paymentId).flatMap(payment -> {
            if (payment.status() != PaymentStatus.MFA_REQUIRED) {
                return payment.status() == PaymentStatus.PENDING_AUTHORIZATION
                        ? Mono.error(new TmcpException(ErrorCode.INVALID_STATE,
                                "No MFA challenge is open for this payment: authorize it first"))
                        : carryOn(payment, payer);
            }
            if (!request.challengeId().equals(payment.mfaChallengeId())) {
                return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST,
                        "challenge_id is not this payment's open challenge"));
            }
            return wallet.verifyChallenge(payer, request.challengeId(), request.method(), request.credentials())
                    .flatMap(verified -> verified.verified()
                                    && (verified.reference() == null
                                            || verified.reference().equals(PaymentSettlement.reference(payment)))
                            ? payments.mfaVerified(paymentId).then(payments.find(paymentId))
                            : Mono.error(new TmcpException(ErrorCode.INVALID_MFA_CREDENTIALS, "MFA was not verified")))
                    .flatMap(authorized -> settlement.settle(authorized, payer));
        });
    }

    /** Past the payer's decision: settle what is authorized, answer what is finished. */
    private Mono<Payment> carryOn(Payment payment, TepPrincipal payer) {
        return switch (payment.status()) {
            case AUTHORIZED, PROCESSING -> settlement.settle(payment, payer);
            case FAILED -> Mono.error(new TmcpException(ErrorCode.PAYMENT_FAILED, "The payment failed",
                    Map.of("error_code", String.valueOf(payment.errorCode()))));
            case EXPIRED -> Mono.error(expired(payment));
            default -> Mono.just(payment);
        };
    }

    private Mono<Payment> challenge(TepPrincipal payer, Payment payment) {
        return wallet.createChallenge(payer, PaymentSettlement.reference(payment), payment.amount())
                .flatMap(challenge -> payments.requireMfa(payment.paymentId(), challenge.challengeId())
                        .then(Mono.error(() -> {
                            Map<String, Object> details = new LinkedHashMap<>();
                            details.put("payment_id", payment.paymentId());
                            details.put("challenge_id", challenge.challengeId());
                            details.put("methods", challenge.methods());
                            details.put("expires_at", challenge.expiresAt());
                            return new TmcpException(ErrorCode.MFA_REQUIRED,
                                    "This amount needs a second factor: answer the challenge", details);
                        })));
    }

    private boolean needsMfa(Payment payment) {
        Money threshold = Money.parse(properties.mfaThreshold(), payment.amount().currencyCode());
        return threshold.isLessThan(payment.amount());
    }

    /** The payer's own payment, not expired; anyone else's is not found. */
    private Mono<Payment> own(TepPrincipal payer, String paymentId) {
        payer.requireScope("wallet:pay");
        return payments.find(paymentId)
                .filter(p -> p.payerUserId().equals(payer.userId().value()))
                .switchIfEmpty(Mono.error(() -> new TmcpException(ErrorCode.PAYMENT_NOT_FOUND, "No such payment")))
                .flatMap(p -> p.expiredAt(Instant.now())
                        ? payments.expire(paymentId).then(Mono.error(expired(p)))
                        : Mono.just(p));
    }

    /** Spec 7.3.2: the signed timestamp is within five minutes of the server's clock. */
    private Mono<Void> requireFresh(String timestamp) {
        Instant signedAt;
        try {
            signedAt = OffsetDateTime.parse(timestamp).toInstant();
        } catch (DateTimeParseException e) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "timestamp must be ISO 8601 with an offset"));
        }
        Duration skew = Duration.between(signedAt, Instant.now()).abs();
        return skew.compareTo(properties.signatureWindow()) > 0
                ? Mono.error(new TmcpException(ErrorCode.INVALID_SIGNATURE,
                        "The signed timestamp is more than " + properties.signatureWindow().toMinutes()
                                + " minutes from the server's time"))
                : Mono.empty();
    }

    private static TmcpException expired(Payment payment) {
        return new TmcpException(ErrorCode.PAYMENT_EXPIRED, "The payment was not authorized in time",
                Map.of("payment_id", payment.paymentId(), "status", PaymentStatus.EXPIRED.wire(),
                        "expired_at", payment.expiresAt().toString()));
    }
}
