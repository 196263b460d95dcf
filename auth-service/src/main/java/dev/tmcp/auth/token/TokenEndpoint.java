package dev.tmcp.auth.token;

import dev.tmcp.auth.oauth.Forms;
import dev.tmcp.auth.oauth.OAuthException;
import dev.tmcp.web.error.OAuthError;
import dev.tmcp.web.ratelimit.Refusal;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code POST /oauth2/token} (spec 3.1.2, 4.3.1, 4.14): token exchange, refresh and client
 * credentials; errors in the OAuth format of spec 12.3.
 */
@RestController
class TokenEndpoint {

    static final String REFRESH_TOKEN = "refresh_token";
    static final String CLIENT_CREDENTIALS = "client_credentials";

    private final ClientAuthentication clients;
    private final TokenExchange exchange;
    private final TokenRefresh refresh;
    private final ClientCredentials clientCredentials;
    private final MeterRegistry meters;

    TokenEndpoint(ClientAuthentication clients, TokenExchange exchange, TokenRefresh refresh,
            ClientCredentials clientCredentials, MeterRegistry meters) {
        this.meters = meters;
        this.clients = clients;
        this.exchange = exchange;
        this.refresh = refresh;
        this.clientCredentials = clientCredentials;
    }

    @PostMapping(path = "/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<ResponseEntity<TokenResponse>> token(ServerWebExchange http) {
        return Forms.read(http).flatMap(form -> {
            String grantType = form.getFirst("grant_type");
            if (grantType == null) {
                return Mono.error(OAuthException.invalidRequest("grant_type is required"));
            }
            if (!TokenExchange.GRANT_TYPE.equals(grantType) && !REFRESH_TOKEN.equals(grantType)
                    && !CLIENT_CREDENTIALS.equals(grantType)) {
                return Mono.error(OAuthException.unsupportedGrantType(grantType));
            }
            return clients.authenticate(http.getRequest().getHeaders(), form)
                    .flatMap(client -> switch (grantType) {
                        case REFRESH_TOKEN -> client.app().secretHashFor(client.clientId()) != null && !client.confidential()
                                ? Mono.error(OAuthException.invalidClient("This client must authenticate"))
                                : refresh.refresh(form.getFirst("refresh_token"), client.clientId(), form.getFirst("scope"));
                        case CLIENT_CREDENTIALS -> clientCredentials.issue(client, form.getFirst("scope"));
                        default -> client.clientId().equals(client.app().clientId())
                                ? exchange.exchange(request(form), client.app())
                                : Mono.error(new OAuthException(400, "unauthorized_client",
                                        "A backend client cannot act for a user; use the mini-app's client_id", Map.of()));
                    })
                    .doOnSuccess(issued -> count(grantType, "issued"))
                    .doOnError(e -> count(grantType, outcome(e)));
        }).map(body -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body));
    }

    /** {@code tmcp.tokens{grant_type, outcome}}: issued, or the OAuth error code that refused it. */
    private void count(String grantType, String outcome) {
        String grant = grantType.equals(TokenExchange.GRANT_TYPE) ? "token_exchange" : grantType;
        meters.counter("tmcp.tokens", "grant_type", grant, "outcome", outcome).increment();
    }

    private static String outcome(Throwable e) {
        return switch (e) {
            case OAuthError oauth -> oauth.error();
            case TokenRateLimits.RateLimitedException limited -> "rate_limited";
            default -> "failed";
        };
    }

    private static TokenExchange.Request request(MultiValueMap<String, String> form) {
        return new TokenExchange.Request(form.getFirst("subject_token"), form.getFirst("subject_token_type"),
                form.getFirst("client_id"), form.getFirst("scope"), form.getFirst("requested_token_type"),
                form.getFirst("miniapp_context"));
    }

    @ExceptionHandler(TokenRateLimits.RateLimitedException.class)
    ResponseEntity<Refusal.Body> rateLimited(TokenRateLimits.RateLimitedException e) {
        var response = ResponseEntity.status(e.decision.status()).cacheControl(CacheControl.noStore());
        e.decision.headers().forEach((name, value) -> response.header(name, value));
        return response.body(e.body());
    }

}
