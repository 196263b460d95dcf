package dev.tmcp.auth.keycloak;

import dev.tmcp.auth.AuthProperties;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.web.client.ServiceClient;
import dev.tmcp.web.client.ServiceClients;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * Spec 4.3.1 step 7 with Keycloak as MAS: a fresh short-lived access token for the user, obtained by
 * RFC 8693 token exchange at Keycloak with the suite's confidential client and the subject token.
 */
@Component
public class KeycloakTokenExchange {

    private final ServiceClient keycloak;
    private final AuthProperties.Keycloak config;

    KeycloakTokenExchange(ServiceClients clients, AuthProperties properties) {
        this.config = properties.keycloak();
        this.keycloak = clients.create("keycloak-exchange", config.url(), Duration.ofSeconds(5));
    }

    /** The exchanged token and its lifetime in seconds. */
    public record MatrixToken(String accessToken, long expiresIn) {
    }

    record Response(String accessToken, Long expiresIn) {
    }

    public Mono<MatrixToken> exchange(String subjectToken) {
        var form = new LinkedMultiValueMap<String, String>();
        form.add("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange");
        form.add("subject_token", subjectToken);
        form.add("subject_token_type", "urn:ietf:params:oauth:token-type:access_token");
        form.add("requested_token_type", "urn:ietf:params:oauth:token-type:access_token");
        return keycloak.call(web -> web.post()
                        .uri("/realms/{realm}/protocol/openid-connect/token", config.realm())
                        .headers(h -> h.setBasicAuth(config.clientId(), config.clientSecret()))
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .body(BodyInserters.fromFormData(form))
                        .retrieve().bodyToMono(Response.class))
                .onErrorMap(WebClientResponseException.class, e -> new TmcpException(ErrorCode.SERVICE_UNAVAILABLE,
                        "Keycloak refused the Matrix token exchange (HTTP " + e.getStatusCode().value() + ")",
                        Map.of("retry_after", 5)))
                .map(r -> new MatrixToken(r.accessToken(), r.expiresIn() == null ? 0 : r.expiresIn()));
    }
}
