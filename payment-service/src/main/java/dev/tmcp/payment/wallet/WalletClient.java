package dev.tmcp.payment.wallet;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.MiniAppId;
import dev.tmcp.core.id.UserId;
import dev.tmcp.core.id.WalletId;
import dev.tmcp.core.money.Money;
import dev.tmcp.web.client.ServiceClient;
import dev.tmcp.web.client.ServiceClients;
import dev.tmcp.web.internal.ServiceCredentials;
import dev.tmcp.web.tep.TepPrincipal;
import java.time.Duration;
import java.util.Currency;
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
 * Callers speak {@link Money} and typed ids; decimals and strings exist only in {@link WalletWire}.
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

    public record TransferResult(String ledgerTxnId, WalletId senderWalletId, WalletId recipientWalletId,
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
            WalletId recipientWalletId, String activationUrl, Map<String, Object> activationIncentive) {
    }

    /**
     * {@code remaining} may be null; {@code availableAfter}: the payer's available balance once the
     * hold was taken (null if the wallet does not say).
     */
    public record HoldResult(String holdId, WalletId walletId, Money remaining, String status, Money availableAfter) {
    }

    public record CaptureResult(String ledgerTxnId, WalletId recipientWalletId, String recipientStatus,
            Money remaining) {
    }

    public record ReleaseResult(String ledgerTxnId, Money released, Money remaining) {
    }

    public record RefundResult(String ledgerTxnId, WalletId recipientWalletId, Money availableAfter) {
    }

    public record Challenge(String challengeId, List<String> methods, String expiresAt) {
    }

    public record ChallengeVerified(boolean verified, String challengeId, String reference) {
    }

    public Mono<AuthPolicy> policy(TepPrincipal payer, Money amount, UserId recipient) {
        return wallet.call(web -> web.get()
                        .uri(b -> b.path("/internal/v1/auth-policy").queryParam("amount", WalletWire.amount(amount).toPlainString())
                                .queryParam("currency", amount.currencyCode())
                                .queryParam("recipient", recipient.value()).build())
                        .header(HttpHeaders.AUTHORIZATION, payer.bearer())
                        .retrieve().bodyToMono(WalletWire.Policy.class))
                .map(WalletWire.Policy::typed);
    }

    public Mono<Void> verify(TepPrincipal payer, AuthProof proof) {
        return wallet.call(web -> web.post().uri("/internal/v1/auth/verify")
                .header(HttpHeaders.AUTHORIZATION, payer.bearer())
                .bodyValue(proof)
                .retrieve().bodyToMono(Map.class)).then();
    }

    public Mono<TransferResult> transfer(TepPrincipal payer, String reference, UserId recipient, Money amount,
            AuthProof proof) {
        return wallet.call(web -> web.post().uri("/internal/v1/transfers")
                        .header(HttpHeaders.AUTHORIZATION, payer.bearer())
                        .bodyValue(Map.of("reference", reference, "recipient_user_id", recipient.value(),
                                "amount", WalletWire.amount(amount), "currency", amount.currencyCode(),
                                "auth_proof", proof))
                        .retrieve().bodyToMono(WalletWire.Transfer.class))
                .map(WalletWire.Transfer::typed);
    }

    public Mono<HoldResult> hold(TepPrincipal payer, String reference, Money amount, String purpose) {
        return wallet.call(web -> web.post().uri("/internal/v1/holds")
                        .header(HttpHeaders.AUTHORIZATION, payer.bearer())
                        .bodyValue(Map.of("reference", reference, "amount", WalletWire.amount(amount),
                                "currency", amount.currencyCode(), "purpose", purpose))
                        .retrieve().bodyToMono(WalletWire.Hold.class))
                .map(hold -> hold.typed(amount.currency()));
    }

    /**
     * The hold taken under {@code reference}, or empty: for a caller whose hold request lost its
     * answer. {@code currency} is the flow's, the one the hold was asked in.
     */
    public Mono<HoldResult> holdByReference(String reference, Currency currency) {
        return wallet.call(web -> web.get().uri(b -> b.path("/internal/v1/holds").queryParam("reference", reference).build())
                        .header(HttpHeaders.AUTHORIZATION, credentials.basicHeader())
                        .retrieve().bodyToMono(WalletWire.Hold.class))
                .map(hold -> hold.typed(currency))
                .onErrorResume(WalletClient::notFound, e -> Mono.empty());
    }

    /** The direct transfer made under {@code reference}, or empty: did a transfer whose answer was lost move the money? */
    public Mono<TransferResult> transferByReference(String reference) {
        return wallet.call(web -> web.get().uri(b -> b.path("/internal/v1/transfers").queryParam("reference", reference).build())
                        .header(HttpHeaders.AUTHORIZATION, credentials.basicHeader())
                        .retrieve().bodyToMono(WalletWire.Transfer.class))
                .map(WalletWire.Transfer::typed)
                .onErrorResume(WalletClient::notFound, e -> Mono.empty());
    }

    /** Captures {@code amount} of a hold to a user (P2P acceptance, a gift's share). */
    public Mono<CaptureResult> capture(String holdId, String reference, UserId recipient, Money amount) {
        return capture(holdId, reference, recipient.value(), amount);
    }

    /** Captures {@code amount} of a hold to a mini-app's merchant wallet (a payment). */
    public Mono<CaptureResult> capture(String holdId, String reference, MiniAppId merchant, Money amount) {
        return capture(holdId, reference, merchant.value(), amount);
    }

    private Mono<CaptureResult> capture(String holdId, String reference, String recipient, Money amount) {
        return wallet.call(web -> web.post().uri("/internal/v1/holds/{id}/capture", holdId)
                        .header(HttpHeaders.AUTHORIZATION, credentials.basicHeader())
                        .bodyValue(Map.of("reference", reference, "recipient", recipient,
                                "amount", WalletWire.amount(amount), "currency", amount.currencyCode()))
                        .retrieve().bodyToMono(WalletWire.Capture.class))
                .map(captured -> captured.typed(amount.currency()));
    }

    /** Releases {@code amount} of a hold back to its owner. */
    public Mono<ReleaseResult> release(String holdId, String reference, Money amount) {
        return release(holdId, reference, amount, amount.currency());
    }

    /** Releases all that remains of a hold in {@code currency}. */
    public Mono<ReleaseResult> releaseAll(String holdId, String reference, Currency currency) {
        return release(holdId, reference, null, currency);
    }

    private Mono<ReleaseResult> release(String holdId, String reference, Money amount, Currency currency) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reference", reference);
        body.put("currency", currency.getCurrencyCode());
        if (amount != null) {
            body.put("amount", WalletWire.amount(amount));
        }
        return wallet.call(web -> web.post().uri("/internal/v1/holds/{id}/release", holdId)
                        .header(HttpHeaders.AUTHORIZATION, credentials.basicHeader())
                        .bodyValue(body)
                        .retrieve().bodyToMono(WalletWire.Release.class))
                .map(released -> released.typed(currency));
    }

    /** Merchant → payer. */
    public Mono<RefundResult> refund(String reference, MiniAppId merchant, UserId recipient, Money amount) {
        return wallet.call(web -> web.post().uri("/internal/v1/refunds")
                        .header(HttpHeaders.AUTHORIZATION, credentials.basicHeader())
                        .bodyValue(Map.of("reference", reference, "merchant", merchant.value(),
                                "recipient", recipient.value(), "amount", WalletWire.amount(amount),
                                "currency", amount.currencyCode()))
                        .retrieve().bodyToMono(WalletWire.Refund.class))
                .map(refund -> refund.typed(amount.currency()));
    }

    /** A second-factor challenge for a payment (7.6.4); one live challenge per reference. */
    public Mono<Challenge> createChallenge(TepPrincipal payer, String reference, Money amount) {
        return wallet.call(web -> web.post().uri("/internal/v1/mfa/challenges")
                .header(HttpHeaders.AUTHORIZATION, payer.bearer())
                .bodyValue(Map.of("reference", reference, "amount", WalletWire.amount(amount),
                        "currency", amount.currencyCode()))
                .retrieve().bodyToMono(Challenge.class));
    }

    public Mono<ChallengeVerified> verifyChallenge(TepPrincipal payer, String challengeId, String method,
            Map<String, Object> credentials) {
        return wallet.call(web -> web.post().uri("/internal/v1/mfa/challenges/{id}/verify", challengeId)
                .header(HttpHeaders.AUTHORIZATION, payer.bearer())
                .bodyValue(Map.of("method", method, "credentials", credentials))
                .retrieve().bodyToMono(ChallengeVerified.class));
    }

    private static boolean notFound(Throwable e) {
        return e instanceof TmcpException t && t.code() == ErrorCode.NOT_FOUND;
    }
}
