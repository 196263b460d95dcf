package dev.tmcp.auth.subject;

import dev.tmcp.auth.AuthProperties;
import dev.tmcp.auth.oauth.OAuthException;
import dev.tmcp.core.id.UserId;
import dev.tmcp.web.client.ServiceClient;
import dev.tmcp.web.client.ServiceClients;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Mono;

/**
 * RFC 7662 introspection at Keycloak with the suite's confidential client. A Keycloak user maps to
 * the Matrix user {@code @<preferred_username>:<server_name>}, as a homeserver delegating its logins
 * to this realm would name them.
 */
@Component
class KeycloakIntrospection {

    private final ServiceClient keycloak;
    private final AuthProperties.Keycloak config;
    private final String serverName;

    KeycloakIntrospection(ServiceClients clients, AuthProperties properties) {
        this.config = properties.keycloak();
        this.serverName = properties.homeserver().serverName();
        this.keycloak = clients.create("keycloak", config.url(), Duration.ofSeconds(5));
    }

    record Introspection(boolean active, String sub, String preferredUsername, String sid, String clientId, Long exp) {
    }

    Mono<SubjectIdentity> verify(String token) {
        return keycloak.call(web -> web.post()
                        .uri("/realms/{realm}/protocol/openid-connect/token/introspect", config.realm())
                        .headers(h -> h.setBasicAuth(config.clientId(), config.clientSecret()))
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .body(BodyInserters.fromFormData("token", token))
                        .retrieve().bodyToMono(Introspection.class))
                .flatMap(result -> {
                    if (!result.active() || result.preferredUsername() == null) {
                        return Mono.error(OAuthException.invalidGrant("Keycloak token is invalid or expired"));
                    }
                    String localpart = result.preferredUsername().toLowerCase(Locale.ROOT);
                    String userId = "@" + localpart + ":" + serverName;
                    if (!UserId.isValid(userId)) {
                        return Mono.error(OAuthException.invalidGrant("Keycloak username is not a valid Matrix localpart"));
                    }
                    return Mono.just(new SubjectIdentity(UserId.of(userId), SubjectIdentity.KEYCLOAK, null,
                            result.sid(), result.sub(), result.clientId(), result.exp() == null ? null : Instant.ofEpochSecond(result.exp())));
                });
    }
}
