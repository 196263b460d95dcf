package dev.tmcp.auth.developer;

import dev.tmcp.auth.AuthProperties;
import dev.tmcp.auth.oauth.OAuthException;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.UserId;
import dev.tmcp.web.client.ServiceClient;
import dev.tmcp.web.client.ServiceClients;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.ClientsResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The developer console's Keycloak client (Keycloak in the role of MAS, spec 4.4.1): auth-service
 * ensures it in the realm through keycloak-admin-client (confidential, authorization code only,
 * the configured redirect URIs), reads its Keycloak-generated secret back through the admin API,
 * redeems the console's authorization codes with it and asks Keycloak (UserInfo) whose token it is, to learn
 * the developer's Matrix user id ({@code @<preferred_username>:<server_name>}).
 */
@Component
class ConsoleKeycloakClient {

    private static final Logger log = LoggerFactory.getLogger(ConsoleKeycloakClient.class);

    private final Keycloak admin;
    private final AuthProperties.Keycloak keycloak;
    private final DeveloperProperties developer;
    private final String serverName;
    private final ServiceClient http;
    private final AtomicReference<String> secret = new AtomicReference<>();

    ConsoleKeycloakClient(Keycloak admin, AuthProperties properties, DeveloperProperties developer, ServiceClients clients) {
        this.admin = admin;
        this.keycloak = properties.keycloak();
        this.developer = developer;
        this.serverName = properties.homeserver().serverName();
        this.http = clients.create("keycloak-console", keycloak.url(), Duration.ofSeconds(5));
    }

    record TokenResponse(String accessToken) {
    }

    record Introspection(boolean active, String preferredUsername, String clientId) {
    }

    record UserInfo(String sub, String preferredUsername) {
    }

    @EventListener(ApplicationReadyEvent.class)
    void ensureAtStartup() {
        ensure().subscribe(s -> log.info("developer console client {} ensured in Keycloak", developer.keycloakClientId()),
                e -> log.warn("developer console client not ensured yet (retried on first use): {}", e.toString()));
    }

    /** Creates or updates the console client; answers its secret. Idempotent. */
    Mono<String> ensure() {
        return Mono.fromCallable(() -> {
            ClientsResource clients = admin.realm(keycloak.realm()).clients();
            List<ClientRepresentation> found = clients.findByClientId(developer.keycloakClientId());
            if (found.isEmpty()) {
                try (var response = clients.create(representation())) {
                    if (response.getStatus() != 201 && response.getStatus() != 409) {
                        throw new IllegalStateException("Keycloak refused the console client: HTTP " + response.getStatus());
                    }
                }
                found = clients.findByClientId(developer.keycloakClientId());
            }
            ClientRepresentation client = found.getFirst();
            if (client.getRedirectUris() == null
                    || !new HashSet<>(client.getRedirectUris()).equals(new HashSet<>(developer.redirectUris()))) {
                client.setRedirectUris(developer.redirectUris());
                clients.get(client.getId()).update(client);
            }
            String value = clients.get(client.getId()).getSecret().getValue();
            secret.set(value);
            return value;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private ClientRepresentation representation() {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(developer.keycloakClientId());
        client.setName("TMCP developer console");
        client.setProtocol("openid-connect");
        client.setEnabled(true);
        client.setPublicClient(false);
        client.setClientAuthenticatorType("client-secret");
        client.setStandardFlowEnabled(true);
        client.setDirectAccessGrantsEnabled(false);
        client.setServiceAccountsEnabled(false);
        client.setRedirectUris(developer.redirectUris());
        return client;
    }

    private Mono<String> secret() {
        String known = secret.get();
        return known != null ? Mono.just(known) : ensure();
    }

    /** Redeems a console authorization code at Keycloak and answers the developer's Matrix user id. */
    Mono<String> developerFor(String code, String redirectUri) {
        return secret().flatMap(clientSecret -> redeem(code, redirectUri, clientSecret)
                .flatMap(accessToken -> introspect(accessToken, clientSecret)));
    }

    private Mono<String> redeem(String code, String redirectUri, String clientSecret) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "authorization_code");
        form.add("code", code);
        form.add("redirect_uri", redirectUri);
        form.add("client_id", developer.keycloakClientId());
        form.add("client_secret", clientSecret);
        // A refused code is the caller's fault: answered outside the breaker so bad codes cannot open it.
        return http.call(web -> web.post()
                        .uri("/realms/{realm}/protocol/openid-connect/token", keycloak.realm())
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .body(BodyInserters.fromFormData(form))
                        .exchangeToMono(response -> {
                            if (response.statusCode().is2xxSuccessful()) {
                                return response.bodyToMono(TokenResponse.class);
                            }
                            if (response.statusCode().value() == HttpStatus.UNAUTHORIZED.value()) {
                                // The console secret was rotated in Keycloak: read it again next time.
                                secret.set(null);
                            }
                            return response.releaseBody().thenReturn(new TokenResponse(null));
                        }))
                .flatMap(token -> token.accessToken() == null
                        ? Mono.error(OAuthException.invalidGrant("Authorization code is invalid, expired or was issued "
                                + "for another redirect_uri"))
                        : Mono.just(token.accessToken()));
    }

    /**
     * Who the token belongs to, asked of Keycloak itself (OIDC UserInfo with the fresh access
     * token: Keycloak answers only for an active token). Introspection with the console client
     * would need the console in the token's audience; UserInfo needs nothing more.
     */
    private Mono<String> introspect(String accessToken, String clientSecret) {
        return http.call(web -> web.get()
                        .uri("/realms/{realm}/protocol/openid-connect/userinfo", keycloak.realm())
                        .headers(h -> h.setBearerAuth(accessToken))
                        .exchangeToMono(response -> response.statusCode().is2xxSuccessful()
                                ? response.bodyToMono(UserInfo.class).map(u -> new Introspection(true,
                                        u.preferredUsername(), developer.keycloakClientId()))
                                : response.releaseBody().thenReturn(new Introspection(false, null, null))))
                .flatMap(result -> {
                    if (!result.active() || result.preferredUsername() == null) {
                        return Mono.error(OAuthException.invalidGrant("Matrix token is invalid or expired"));
                    }
                    String userId = "@" + result.preferredUsername().toLowerCase(Locale.ROOT) + ":" + serverName;
                    if (!UserId.isValid(userId)) {
                        return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST,
                                "Keycloak username is not a valid Matrix localpart", Map.of()));
                    }
                    return Mono.just(userId);
                });
    }
}
