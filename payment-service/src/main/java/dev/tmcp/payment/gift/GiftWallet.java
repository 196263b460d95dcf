package dev.tmcp.payment.gift;

import dev.tmcp.core.money.Money;
import dev.tmcp.web.client.ServiceClient;
import dev.tmcp.web.client.ServiceClients;
import dev.tmcp.web.internal.ServiceCredentials;
import dev.tmcp.web.tep.TepPrincipal;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The gift's money in wallet-adapter (docs/internal/wallet-internal-api.md): a hold taken with
 * the sender's own TEP, captures and the final release with payment-service's credentials. Every
 * call carries a reference derived from ids, so a retry moves nothing twice.
 */
@Component
class GiftWallet {

    private final ServiceClient wallet;
    private final ServiceCredentials credentials;

    GiftWallet(ServiceClients clients, @Value("${tmcp.payment.wallet-adapter-url}") String url,
            @Value("${tmcp.payment.service-secret:}") String serviceSecret) {
        this.wallet = clients.create("wallet-adapter", url, Duration.ofSeconds(10));
        this.credentials = new ServiceCredentials("payment-service", serviceSecret);
    }

    record Hold(String holdId, String walletId, BigDecimal remaining, String status) {
    }

    record Capture(String ledgerTxnId, String recipientWalletId, String recipientStatus) {
    }

    record Release(String ledgerTxnId, BigDecimal released) {
    }

    static String holdReference(String giftId) {
        return "gift:" + giftId;
    }

    static String releaseReference(String giftId) {
        return "gift:" + giftId + ":expire";
    }

    Mono<Hold> hold(TepPrincipal sender, String giftId, Money amount) {
        return wallet.call(web -> web.post().uri("/internal/v1/holds")
                .header(HttpHeaders.AUTHORIZATION, sender.bearer())
                .bodyValue(Map.of("reference", holdReference(giftId), "amount", amount.toDecimal(),
                        "currency", amount.currencyCode(), "purpose", "gift"))
                .retrieve().bodyToMono(Hold.class));
    }

    Mono<Capture> capture(String holdId, String reference, String recipient, Money amount) {
        return wallet.call(web -> web.post().uri("/internal/v1/holds/{id}/capture", holdId)
                .header(HttpHeaders.AUTHORIZATION, credentials.basicHeader())
                .bodyValue(Map.of("reference", reference, "recipient", recipient, "amount", amount.toDecimal(),
                        "currency", amount.currencyCode()))
                .retrieve().bodyToMono(Capture.class));
    }

    Mono<Release> release(String holdId, String giftId, Money amount) {
        return wallet.call(web -> web.post().uri("/internal/v1/holds/{id}/release", holdId)
                .header(HttpHeaders.AUTHORIZATION, credentials.basicHeader())
                .bodyValue(Map.of("reference", releaseReference(giftId), "amount", amount.toDecimal(),
                        "currency", amount.currencyCode()))
                .retrieve().bodyToMono(Release.class));
    }
}
