package dev.tmcp.payment.wallet;

import dev.tmcp.web.client.ServiceClient;
import dev.tmcp.web.client.ServiceClients;
import dev.tmcp.web.internal.ServiceCredentials;
import dev.tmcp.web.tep.TepPrincipal;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * payment-service → wallet-adapter (docs/internal/wallet-internal-api.md): what takes the payer's
 * money goes with the payer's own TEP; settling a hold goes with this service's credentials.
 * Every movement has a reference, so a retry returns the first result instead of paying twice.
 */
@Component
public class WalletClient {

    private final ServiceClient wallet;
    private final ServiceCredentials credentials;

    WalletClient(ServiceClients clients, @Value("${tmcp.payment.wallet-adapter-url}") String url,
            @Value("${tmcp.payment.service-secret:}") String serviceSecret) {
        this.wallet = clients.create("wallet-adapter", url, Duration.ofSeconds(10));
        this.credentials = new ServiceCredentials("payment-service", serviceSecret);
    }

    public record TransferResult(String ledgerTxnId, String senderWalletId, String recipientWalletId,
            String recipientStatus) {
    }

    /** The payer's proof as the wallet checks it; {@code message} is what a device signature covers. */
    public record AuthProof(String method, Map<String, Object> proof, String message) {

        @Override
        public String toString() {
            return "AuthProof[" + method + "]";
        }
    }

    /** Spec 7.2.2, plus the recipient's account when one is named. */
    public record AuthPolicy(List<String> availableMethods, String recommendedMethod,
            boolean recipientAcceptanceRequired, boolean authUpgradeRequired, String recipientStatus,
            String recipientWalletId, String activationUrl, Map<String, Object> activationIncentive) {
    }

    /** {@code availableAfter}: the payer's available balance once the hold was taken (null if the wallet does not say). */
    public record HoldResult(String holdId, String walletId, BigDecimal remaining, String status, BigDecimal availableAfter) {
    }

    public record CaptureResult(String ledgerTxnId, String recipientWalletId, String recipientStatus,
            BigDecimal remaining) {
    }

    public record ReleaseResult(String ledgerTxnId, BigDecimal released, BigDecimal remaining) {
    }

    public record RefundResult(String ledgerTxnId, String recipientWalletId, BigDecimal availableAfter) {
    }

    public record Challenge(String challengeId, List<String> methods, String expiresAt) {
    }

    public record ChallengeVerified(boolean verified, String challengeId, String reference) {
    }

    public Mono<AuthPolicy> policy(TepPrincipal payer, BigDecimal amount, String currency, String recipient) {
        return wallet.call(web -> web.get()
                .uri(b -> b.path("/internal/v1/auth-policy").queryParam("amount", amount.toPlainString())
                        .queryParam("currency", currency).queryParam("recipient", recipient).build())
                .header(HttpHeaders.AUTHORIZATION, payer.bearer())
                .retrieve().bodyToMono(AuthPolicy.class));
    }

    public Mono<Void> verify(TepPrincipal payer, AuthProof proof) {
        return wallet.call(web -> web.post().uri("/internal/v1/auth/verify")
                .header(HttpHeaders.AUTHORIZATION, payer.bearer())
                .bodyValue(proof)
                .retrieve().bodyToMono(Map.class)).then();
    }

    public Mono<TransferResult> transfer(TepPrincipal payer, String reference, String recipient, BigDecimal amount,
            String currency, AuthProof proof) {
        return wallet.call(web -> web.post().uri("/internal/v1/transfers")
                .header(HttpHeaders.AUTHORIZATION, payer.bearer())
                .bodyValue(Map.of("reference", reference, "recipient_user_id", recipient, "amount", amount,
                        "currency", currency, "auth_proof", proof))
                .retrieve().bodyToMono(TransferResult.class));
    }

    public Mono<HoldResult> hold(TepPrincipal payer, String reference, BigDecimal amount, String currency, String purpose) {
        return wallet.call(web -> web.post().uri("/internal/v1/holds")
                .header(HttpHeaders.AUTHORIZATION, payer.bearer())
                .bodyValue(Map.of("reference", reference, "amount", amount, "currency", currency, "purpose", purpose))
                .retrieve().bodyToMono(HoldResult.class));
    }

    /** The hold taken under {@code reference}, or empty: for a caller whose hold request lost its answer. */
    public Mono<HoldResult> holdByReference(String reference) {
        return wallet.call(web -> web.get().uri(b -> b.path("/internal/v1/holds").queryParam("reference", reference).build())
                        .header(HttpHeaders.AUTHORIZATION, credentials.basicHeader())
                        .retrieve().bodyToMono(HoldResult.class))
                .onErrorResume(e -> e instanceof dev.tmcp.core.error.TmcpException t
                        && t.code() == dev.tmcp.core.error.ErrorCode.NOT_FOUND, e -> Mono.empty());
    }

    /** The direct transfer made under {@code reference}, or empty: did a transfer whose answer was lost move the money? */
    public Mono<TransferResult> transferByReference(String reference) {
        return wallet.call(web -> web.get().uri(b -> b.path("/internal/v1/transfers").queryParam("reference", reference).build())
                        .header(HttpHeaders.AUTHORIZATION, credentials.basicHeader())
                        .retrieve().bodyToMono(TransferResult.class))
                .onErrorResume(e -> e instanceof dev.tmcp.core.error.TmcpException t
                        && t.code() == dev.tmcp.core.error.ErrorCode.NOT_FOUND, e -> Mono.empty());
    }

    public Mono<CaptureResult> capture(String holdId, String reference, String recipient, BigDecimal amount,
            String currency) {
        return wallet.call(web -> web.post().uri("/internal/v1/holds/{id}/capture", holdId)
                .header(HttpHeaders.AUTHORIZATION, credentials.basicHeader())
                .bodyValue(Map.of("reference", reference, "recipient", recipient, "amount", amount, "currency", currency))
                .retrieve().bodyToMono(CaptureResult.class));
    }

    /** Releases {@code amount}, or all that remains when it is null. */
    public Mono<ReleaseResult> release(String holdId, String reference, BigDecimal amount, String currency) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reference", reference);
        body.put("currency", currency);
        if (amount != null) {
            body.put("amount", amount);
        }
        return wallet.call(web -> web.post().uri("/internal/v1/holds/{id}/release", holdId)
                .header(HttpHeaders.AUTHORIZATION, credentials.basicHeader())
                .bodyValue(body)
                .retrieve().bodyToMono(ReleaseResult.class));
    }

    /** Merchant → payer. */
    public Mono<RefundResult> refund(String reference, String merchant, String recipient, BigDecimal amount,
            String currency) {
        return wallet.call(web -> web.post().uri("/internal/v1/refunds")
                .header(HttpHeaders.AUTHORIZATION, credentials.basicHeader())
                .bodyValue(Map.of("reference", reference, "merchant", merchant, "recipient", recipient,
                        "amount", amount, "currency", currency))
                .retrieve().bodyToMono(RefundResult.class));
    }

    /** A second-factor challenge for a payment (7.6.4); one live challenge per reference. */
    public Mono<Challenge> createChallenge(TepPrincipal payer, String reference, BigDecimal amount, String currency) {
        return wallet.call(web -> web.post().uri("/internal/v1/mfa/challenges")
                .header(HttpHeaders.AUTHORIZATION, payer.bearer())
                .bodyValue(Map.of("reference", reference, "amount", amount, "currency", currency))
                .retrieve().bodyToMono(Challenge.class));
    }

    public Mono<ChallengeVerified> verifyChallenge(TepPrincipal payer, String challengeId, String method,
            Map<String, Object> credentials) {
        return wallet.call(web -> web.post().uri("/internal/v1/mfa/challenges/{id}/verify", challengeId)
                .header(HttpHeaders.AUTHORIZATION, payer.bearer())
                .bodyValue(Map.of("method", method, "credentials", credentials))
                .retrieve().bodyToMono(ChallengeVerified.class));
    }
}
