package dev.tmcp.auth.developer;

import dev.tmcp.auth.developer.org.Organizations;
import dev.tmcp.auth.oauth.OAuthException;
import dev.tmcp.auth.oauth.SingleUseTokens;
import dev.tmcp.web.error.OAuthError;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The grants of {@code POST /oauth2/developer/token} (spec 4.4.3, 4.4.5) and the developer
 * whitelist's effect on them: only a whitelisted developer gets or refreshes a token; removing a
 * developer from the whitelist ends every session they have.
 */
@Service
class DeveloperTokens {

    private static final Logger log = LoggerFactory.getLogger(DeveloperTokens.class);

    private final ConsoleKeycloakClient console;
    private final Whitelist whitelist;
    private final Organizations organizations;
    private final DeveloperSessions sessions;
    private final DeveloperRefreshTokens refreshTokens;
    private final DeveloperTokenIssuer issuer;
    private final DeveloperProperties properties;
    private final DatabaseClient db;

    DeveloperTokens(ConsoleKeycloakClient console, Whitelist whitelist, Organizations organizations,
            DeveloperSessions sessions, DeveloperRefreshTokens refreshTokens, DeveloperTokenIssuer issuer,
            DeveloperProperties properties, DatabaseClient db) {
        this.console = console;
        this.whitelist = whitelist;
        this.organizations = organizations;
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.issuer = issuer;
        this.properties = properties;
        this.db = db;
    }

    static OAuthError notWhitelisted() {
        return new OAuthError(403, "developer_not_whitelisted",
                "This Matrix account is not on the developer whitelist", Map.of());
    }

    Mono<DeveloperTokenResponse> authorizationCode(String code, String redirectUri) {
        if (code == null || code.isBlank() || redirectUri == null || redirectUri.isBlank()) {
            return Mono.error(OAuthException.invalidRequest("code and redirect_uri are required"));
        }
        if (!properties.redirectUris().contains(redirectUri)) {
            return Mono.error(OAuthException.invalidGrant("redirect_uri does not match the console's registration"));
        }
        return console.developerFor(code, redirectUri)
                .flatMap(developerId -> whitelist.contains(developerId)
                        .flatMap(listed -> listed ? Mono.just(developerId) : Mono.error(notWhitelisted())))
                .flatMap(developerId -> activate(developerId)
                        .then(organizations.ensureDefault(developerId))
                        .then(sessions.open(developerId))
                        .flatMap(sessionId -> issuer.issue(developerId, sessionId, true)));
    }

    Mono<DeveloperTokenResponse> refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            return Mono.error(OAuthException.invalidRequest("refresh_token is required"));
        }
        return refreshTokens.redeem(refreshToken)
                .onErrorResume(SingleUseTokens.RefusedException.class, this::refused)
                .flatMap(redeemed -> sessions.live(redeemed.sessionId())
                        .flatMap(live -> live ? whitelist.contains(redeemed.developerId())
                                : Mono.error(OAuthException.invalidGrant("The session has been revoked")))
                        .flatMap(listed -> listed
                                ? issuer.issue(redeemed.developerId(), redeemed.sessionId(), false)
                                : sessions.revoke(redeemed.sessionId(), "developer_removed").then(Mono.error(notWhitelisted()))));
    }

    private Mono<DeveloperRefreshTokens.Redeemed> refused(SingleUseTokens.RefusedException e) {
        return switch (e.refusal()) {
            // Developer tokens have no holder check (the platform credentials are one client): never WRONG_CLIENT.
            case UNKNOWN, WRONG_CLIENT -> Mono.error(OAuthException.invalidGrant("Refresh token is invalid"));
            case EXPIRED -> Mono.error(OAuthException.invalidGrant("Refresh token has expired"));
            case REUSED -> sessions.revoke(e.sessionId(), "refresh_token_reuse")
                    .doOnNext(wasLive -> log.warn("developer refresh token reused: session {} revoked", e.sessionId()))
                    .then(Mono.error(OAuthException.invalidGrant(
                            "Refresh token was already used; the session has been revoked")));
        };
    }

    /** Removes a developer from the whitelist and ends their sessions at once (spec 4.4.8). */
    Mono<Integer> remove(String developerId) {
        return whitelist.remove(developerId)
                .flatMap(removed -> removed
                        ? db.sql("update developer set status = 'removed' where developer_id = :id").bind("id", developerId)
                                .fetch().rowsUpdated()
                                .then(sessions.revokeAll(developerId, "developer_removed"))
                        : Mono.just(-1))
                .doOnNext(n -> {
                    if (n >= 0) {
                        log.info("developer {} removed from the whitelist; {} sessions revoked", developerId, n);
                    }
                });
    }

    /** Revokes the session behind a refresh token (logout, spec 4.4.7); answers whether one was found. */
    Mono<Boolean> revokeRefreshToken(String token, String developerId) {
        return refreshTokens.sessionOf(token)
                .filterWhen(session -> developerId == null ? Mono.just(true) : ownedBy(session, developerId))
                .flatMap(session -> sessions.revoke(session, "logout"))
                .defaultIfEmpty(false);
    }

    Mono<Boolean> revokeSession(String sessionId) {
        return sessions.revoke(sessionId, "logout");
    }

    private Mono<Boolean> ownedBy(String sessionId, String developerId) {
        return db.sql("select developer_id from developer_session where session_id = :id").bind("id", sessionId)
                .map((row, meta) -> developerId.equals(row.get("developer_id", String.class))).one().defaultIfEmpty(false);
    }

    /** Spec 4.4.3 step 4: the profile exists and is active (again, if the developer was re-whitelisted). */
    private Mono<Void> activate(String developerId) {
        return db.sql("insert into developer (developer_id) values (:id) "
                        + "on conflict (developer_id) do update set status = 'active'")
                .bind("id", developerId).fetch().rowsUpdated().then();
    }
}
