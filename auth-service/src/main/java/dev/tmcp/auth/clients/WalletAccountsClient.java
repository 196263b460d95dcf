package dev.tmcp.auth.clients;

import dev.tmcp.auth.AuthProperties;
import dev.tmcp.auth.oauth.ServiceTokens;
import dev.tmcp.web.client.ServiceClient;
import dev.tmcp.web.client.ServiceClients;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** auth-service → wallet-adapter: the user's wallet id for the TEP (spec 4.3.1 step 5). */
@Component
public class WalletAccountsClient {

    private final ServiceClient wallet;
    private final ServiceTokens tokens;

    WalletAccountsClient(ServiceClients clients, ServiceTokens tokens, AuthProperties properties) {
        this.wallet = clients.create("wallet-adapter", properties.walletAdapterUrl(), Duration.ofSeconds(5));
        this.tokens = tokens;
    }

    record Account(String walletId, String userId, String userStatus) {
    }

    public Mono<String> walletIdOf(String userId) {
        return tokens.bearer().flatMap(bearer -> wallet.call(web -> web.post().uri("/internal/v1/wallets/ensure")
                        .header(HttpHeaders.AUTHORIZATION, bearer)
                        .bodyValue(Map.of("user_id", userId))
                        .retrieve().bodyToMono(Account.class)))
                .map(Account::walletId);
    }
}
