package dev.tmcp.payment.wallet;

import dev.tmcp.web.client.ServiceClient;
import dev.tmcp.web.client.ServiceClients;
import dev.tmcp.web.tep.TepPrincipal;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** payment-service → wallet-adapter, always with the paying user's own TEP. */
@Component
public class WalletClient {

    private final ServiceClient wallet;

    WalletClient(ServiceClients clients, @Value("${tmcp.payment.wallet-adapter-url}") String url) {
        this.wallet = clients.create("wallet-adapter", url, Duration.ofSeconds(10));
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

    /**
     * Moves the money once the wallet accepted the payer's proof; the reference makes a retry
     * return the first result instead of paying twice.
     */
    public Mono<TransferResult> transfer(TepPrincipal payer, String reference, String recipient, BigDecimal amount,
            String currency, AuthProof proof) {
        return wallet.call(web -> web.post().uri("/internal/v1/transfers")
                .header(HttpHeaders.AUTHORIZATION, payer.bearer())
                .bodyValue(Map.of("reference", reference, "recipient_user_id", recipient, "amount", amount,
                        "currency", currency, "auth_proof", proof))
                .retrieve().bodyToMono(TransferResult.class));
    }
}
