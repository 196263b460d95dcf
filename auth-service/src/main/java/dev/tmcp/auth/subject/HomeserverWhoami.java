package dev.tmcp.auth.subject;

import dev.tmcp.auth.AuthProperties;
import dev.tmcp.auth.oauth.OAuthException;
import dev.tmcp.core.id.UserId;
import dev.tmcp.web.client.ServiceClient;
import dev.tmcp.web.client.ServiceClients;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/** Verifies a homeserver access token with {@code GET /_matrix/client/v3/account/whoami}. */
@Component
class HomeserverWhoami {

    private final ServiceClient homeserver;
    private final String serverName;

    HomeserverWhoami(ServiceClients clients, AuthProperties properties) {
        this.homeserver = clients.create("homeserver", properties.homeserver().url(), Duration.ofSeconds(5));
        this.serverName = properties.homeserver().serverName();
    }

    record Whoami(String userId, String deviceId) {
    }

    Mono<SubjectIdentity> verify(String token) {
        return homeserver.call(web -> web.get().uri("/_matrix/client/v3/account/whoami")
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .retrieve().bodyToMono(Whoami.class)
                        .onErrorMap(WebClientResponseException.class, e -> e.getStatusCode().is4xxClientError()
                                ? OAuthException.invalidGrant("Matrix token is invalid or expired") : e))
                .flatMap(who -> {
                    if (!UserId.isValid(who.userId()) || !UserId.of(who.userId()).serverName().equals(serverName)) {
                        return Mono.error(OAuthException.invalidGrant("Matrix token belongs to another homeserver"));
                    }
                    return Mono.just(new SubjectIdentity(UserId.of(who.userId()), SubjectIdentity.MATRIX_SESSION,
                            who.deviceId(), null, null, null, null));
                });
    }
}
