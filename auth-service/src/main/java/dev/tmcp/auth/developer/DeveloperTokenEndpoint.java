package dev.tmcp.auth.developer;

import dev.tmcp.auth.oauth.Forms;
import dev.tmcp.auth.oauth.OAuthException;
import dev.tmcp.web.error.OAuthError;
import dev.tmcp.web.platform.PlatformCredentials;
import dev.tmcp.web.tep.DeveloperPrincipal;
import dev.tmcp.web.tep.TepVerifier;
import dev.tmcp.web.tep.TokenTypes;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code POST /oauth2/developer/token} (spec 4.4.3, 4.4.5, 4.4.9): the developer console, with
 * its platform service credentials, turns a Keycloak authorization code or a developer refresh
 * token into a developer token. {@code POST /oauth2/developer/revoke} (4.4.7, RFC 7009): the
 * developer (bearer developer token) or the console (platform credentials) ends a session;
 * always 200.
 */
@RestController
class DeveloperTokenEndpoint {

    private final PlatformCredentials platform;
    private final DeveloperTokens tokens;
    private final TepVerifier verifier;

    DeveloperTokenEndpoint(PlatformCredentials platform, DeveloperTokens tokens, TepVerifier verifier) {
        this.platform = platform;
        this.tokens = tokens;
        this.verifier = verifier;
    }

    /** Spec 4.4.7: the same answer whatever was found (RFC 7009 2.2). */
    record Revoked(boolean revoked, String message) {

        static final Revoked ANSWER = new Revoked(true, "Developer token and refresh token have been revoked");
    }

    @PostMapping(path = "/oauth2/developer/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<ResponseEntity<DeveloperTokenResponse>> token(ServerWebExchange http) {
        return Forms.read(http).flatMap(form -> {
            platform.require(http.getRequest().getHeaders(), form);
            String grantType = form.getFirst("grant_type");
            if (grantType == null) {
                return Mono.error(OAuthException.invalidRequest("grant_type is required"));
            }
            return switch (grantType) {
                case "authorization_code" -> tokens.authorizationCode(form.getFirst("code"), form.getFirst("redirect_uri"));
                case "refresh_token" -> tokens.refresh(form.getFirst("refresh_token"));
                default -> Mono.error(OAuthException.unsupportedGrantType(grantType));
            };
        }).map(body -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body));
    }

    @PostMapping(path = "/oauth2/developer/revoke", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<Revoked> revoke(ServerWebExchange http) {
        HttpHeaders headers = http.getRequest().getHeaders();
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        return Forms.read(http).flatMap(form -> {
            String token = form.getFirst("token");
            Mono<String> caller;
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                // The developer logs out with their own token; a revoked bearer has nothing left to revoke.
                caller = verifier.verifyDeveloper(authorization).map(p -> p.developerId().value())
                        .onErrorResume(e -> e instanceof OAuthError o && o.status() == 401, e -> Mono.just(""));
            } else {
                platform.require(headers, form);
                caller = Mono.just("*");
            }
            return caller.flatMap(who -> who.isEmpty() ? Mono.just(false) : revoke(token, who, authorization));
        }).thenReturn(Revoked.ANSWER);
    }

    private Mono<Boolean> revoke(String token, String caller, String authorization) {
        String owner = "*".equals(caller) ? null : caller;
        if (token == null || token.isBlank()) {
            // Bearer without a token parameter: log out the presented token's session.
            return owner == null ? Mono.just(false) : revokeDeveloperToken(authorization, owner);
        }
        if (token.startsWith(TokenTypes.DEVELOPER_PREFIX)) {
            return revokeDeveloperToken("Bearer " + token, owner);
        }
        return tokens.revokeRefreshToken(token, owner);
    }

    private Mono<Boolean> revokeDeveloperToken(String authorization, String owner) {
        return verifier.verifyDeveloper(authorization)
                .filter(p -> owner == null || owner.equals(p.developerId().value()))
                .map(DeveloperPrincipal::sessionId)
                .flatMap(tokens::revokeSession)
                // RFC 7009 2.2: an invalid or already revoked token is not an error.
                .onErrorResume(e -> e instanceof OAuthError, e -> Mono.just(false))
                .defaultIfEmpty(false);
    }
}
