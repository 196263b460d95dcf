package dev.tmcp.auth.token;

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

/** {@code POST /oauth2/token}; errors in the OAuth format of spec 12.3. */
@RestController
class TokenEndpoint {

    private final TokenExchange exchange;

    TokenEndpoint(TokenExchange exchange) {
        this.exchange = exchange;
    }

    @PostMapping(path = "/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> token(ServerWebExchange http) {
        return http.getFormData().flatMap(form -> {
            String grantType = form.getFirst("grant_type");
            if (grantType == null) {
                return Mono.error(OAuthException.invalidRequest("grant_type is required"));
            }
            if (!TokenExchange.GRANT_TYPE.equals(grantType)) {
                return Mono.error(OAuthException.unsupportedGrantType(grantType));
            }
            return exchange.exchange(request(form));
        }).map(body -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body));
    }

    private static TokenExchange.Request request(MultiValueMap<String, String> form) {
        return new TokenExchange.Request(form.getFirst("subject_token"), form.getFirst("subject_token_type"),
                form.getFirst("client_id"), form.getFirst("scope"), form.getFirst("requested_token_type"),
                form.getFirst("miniapp_context"));
    }

    @ExceptionHandler(OAuthException.class)
    ResponseEntity<Map<String, Object>> oauthError(OAuthException e) {
        return ResponseEntity.status(e.status()).cacheControl(CacheControl.noStore()).body(e.body());
    }
}
