package dev.tmcp.payment.payment;

import dev.tmcp.web.client.ServiceClient;
import dev.tmcp.web.client.ServiceClients;
import dev.tmcp.web.internal.ServiceCredentials;
import dev.tmcp.web.tep.TepPrincipal;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * payment-service → wallet-adapter for mini-app payments, refunds and MFA (docs/internal/wallet-internal-api.md).
 * What the payer authorizes (proofs, holds, challenges) goes with the payer's own TEP; settlement of
 * money already held, and refunds, go with payment-service's credentials. Every movement carries a
 * reference, so a retry after a lost answer returns the first result instead of moving money twice.
 */
@Component
public class PaymentWallet {

    private final ServiceClient wallet;
    private final String serviceAuthorization;

    PaymentWallet(ServiceClients clients, PaymentProperties properties) {
        this.wallet = clients.create("wallet-adapter", properties.walletAdapterUrl(), Duration.ofSeconds(10));
        this.serviceAuthorization = new ServiceCredentials("payment-service", properties.serviceSecret()).basicHeader();
    }

    public record Hold(String holdId, String ledgerTxnId, String walletId, BigDecimal amount, String currency,
            BigDecimal remaining, String status) {
    }

    public record Capture(String ledgerTxnId, String recipientWalletId, String recipientStatus, BigDecimal remaining) {
    }

    public record Release(String ledgerTxnId, BigDecimal released, BigDecimal remaining) {
    }

    public record Refund(String ledgerTxnId, String recipientWalletId) {
    }

    public record Challenge(String challengeId, List<String> methods, String expiresAt) {
    }

    public record ChallengeVerified(boolean verified, String challengeId, String reference) {
    }

    /** The payer's device signature over {@code message}, checked with the key registered at activation. */
    Mono<Void> verifyDeviceSignature(TepPrincipal payer, String deviceId, String signature, String timestamp,
            String message) {
        return wallet.call(web -> web.post().uri("/internal/v1/auth/verify")
                .header(HttpHeaders.AUTHORIZATION, payer.bearer())
                .bodyValue(Map.of("method", "biometric", "message", message,
                        "proof", Map.of("signature", signature, "device_id", deviceId, "timestamp", timestamp)))
                .retrieve().toBodilessEntity()).then();
    }

    Mono<Hold> hold(TepPrincipal payer, String reference, BigDecimal amount, String currency) {
        return wallet.call(web -> web.post().uri("/internal/v1/holds")
                .header(HttpHeaders.AUTHORIZATION, payer.bearer())
                .bodyValue(Map.of("reference", reference, "amount", amount, "currency", currency, "purpose", "payment"))
                .retrieve().bodyToMono(Hold.class));
    }

    Mono<Capture> capture(String holdId, String reference, String recipient, BigDecimal amount, String currency) {
        return wallet.call(web -> web.post().uri("/internal/v1/holds/{id}/capture", holdId)
                .header(HttpHeaders.AUTHORIZATION, serviceAuthorization)
                .bodyValue(Map.of("reference", reference, "recipient", recipient, "amount", amount, "currency", currency))
                .retrieve().bodyToMono(Capture.class));
    }

    /** Gives back all that remains of the hold. */
    Mono<Release> release(String holdId, String reference, String currency) {
        return wallet.call(web -> web.post().uri("/internal/v1/holds/{id}/release", holdId)
                .header(HttpHeaders.AUTHORIZATION, serviceAuthorization)
                .bodyValue(Map.of("reference", reference, "currency", currency))
                .retrieve().bodyToMono(Release.class));
    }

    /** Merchant → payer. */
    public Mono<Refund> refund(String reference, String merchant, String recipient, BigDecimal amount, String currency) {
        return wallet.call(web -> web.post().uri("/internal/v1/refunds")
                .header(HttpHeaders.AUTHORIZATION, serviceAuthorization)
                .bodyValue(Map.of("reference", reference, "merchant", merchant, "recipient", recipient,
                        "amount", amount, "currency", currency))
                .retrieve().bodyToMono(Refund.class));
    }

    Mono<Challenge> createChallenge(TepPrincipal payer, String reference, BigDecimal amount, String currency) {
        return wallet.call(web -> web.post().uri("/internal/v1/mfa/challenges")
                .header(HttpHeaders.AUTHORIZATION, payer.bearer())
                .bodyValue(Map.of("reference", reference, "amount", amount, "currency", currency))
                .retrieve().bodyToMono(Challenge.class));
    }

    Mono<ChallengeVerified> verifyChallenge(TepPrincipal payer, String challengeId, String method,
            Map<String, Object> credentials) {
        return wallet.call(web -> web.post().uri("/internal/v1/mfa/challenges/{id}/verify", challengeId)
                .header(HttpHeaders.AUTHORIZATION, payer.bearer())
                .bodyValue(Map.of("method", method, "credentials", credentials))
                .retrieve().bodyToMono(ChallengeVerified.class));
    }
}
