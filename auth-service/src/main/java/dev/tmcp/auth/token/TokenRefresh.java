package dev.tmcp.auth.token;

import dev.tmcp.auth.clients.MiniAppRegistryClient;
import dev.tmcp.auth.oauth.OAuthException;
import dev.tmcp.auth.oauth.SingleUseTokens;
import dev.tmcp.auth.session.MiniAppContexts;
import dev.tmcp.auth.session.TepSessions;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The {@code refresh_token} grant (spec 4.14, 4.15): single use, rotated on every use, never wider
 * than the session's scopes. A refresh token presented a second time means one of its holders is
 * not the user: the whole family (the session) is revoked, including TEPs already issued.
 */
@Service
class TokenRefresh {

    private static final Logger log = LoggerFactory.getLogger(TokenRefresh.class);

    private final RefreshTokens refreshTokens;
    private final TepSessions sessions;
    private final MiniAppRegistryClient registry;
    private final TepIssuer issuer;
    private final TokenRateLimits rateLimits;

    TokenRefresh(RefreshTokens refreshTokens, TepSessions sessions, MiniAppRegistryClient registry, TepIssuer issuer,
            TokenRateLimits rateLimits) {
        this.rateLimits = rateLimits;
        this.refreshTokens = refreshTokens;
        this.sessions = sessions;
        this.registry = registry;
        this.issuer = issuer;
    }

    Mono<TokenResponse> refresh(String refreshToken, String clientId, String requestedScope) {
        if (refreshToken == null || refreshToken.isBlank()) {
            return Mono.error(OAuthException.invalidRequest("refresh_token is required"));
        }
        // Charge the owner before redeeming: a refused refresh must not burn the token. Another client
        // presenting it is refused before that: it neither burns the token nor spends the user's budget.
        return refreshTokens.ownerOf(refreshToken)
                .flatMap(owner -> owner.clientId().equals(clientId)
                        ? rateLimits.charge(TokenRateLimits.REFRESH, owner.userId())
                        : Mono.error(wrongClient()))
                .then(refreshTokens.redeem(refreshToken, clientId))
                .onErrorResume(SingleUseTokens.RefusedException.class, this::refused)
                .flatMap(redeemed -> sessions.find(redeemed.sessionId())
                        .filter(session -> !session.revoked())
                        .switchIfEmpty(Mono.error(() -> OAuthException.invalidGrant("The session has been revoked")))
                        .flatMap(session -> registry.find(clientId)
                                .filter(app -> "active".equals(app.status()))
                                .switchIfEmpty(Mono.error(() -> OAuthException.invalidClient("This mini-app is not active")))
                                .flatMap(app -> issuer.continueSession(new TepIssuer.Grant(session.userId(), clientId,
                                        narrowed(session.scope(), requestedScope, app), session.walletId(),
                                        session.sessionId(), session.subjectSource(), session.subjectSession(), null,
                                        MiniAppContexts.parse(session.miniappContext()))))));
    }

    private Mono<RefreshTokens.Redeemed> refused(SingleUseTokens.RefusedException e) {
        return switch (e.refusal()) {
            case UNKNOWN -> Mono.error(OAuthException.invalidGrant("Refresh token is invalid"));
            case EXPIRED -> Mono.error(OAuthException.invalidGrant("Refresh token has expired"));
            case WRONG_CLIENT -> Mono.error(wrongClient());
            case REUSED -> sessions.revoke(e.sessionId(), "refresh_token_reuse")
                    .doOnNext(wasLive -> {
                        if (wasLive) {
                            log.warn("refresh token reused: session {} revoked", e.sessionId());
                        }
                    })
                    .then(Mono.error(OAuthException.invalidGrant(
                            "Refresh token was already used; the session has been revoked")));
        };
    }

    private static OAuthException wrongClient() {
        return OAuthException.invalidGrant("Refresh token was issued to another client");
    }

    /** The session's scopes, or the requested subset of them; never more, never an unregistered one. */
    private static List<String> narrowed(String granted, String requested, MiniAppRegistryClient.MiniApp app) {
        Set<String> still = new LinkedHashSet<>();
        Set<String> registered = new java.util.HashSet<>();
        app.scopes().forEach(s -> registered.add(s.scope()));
        Arrays.stream(granted.split("\\s+")).filter(registered::contains).forEach(still::add);
        if (requested == null || requested.isBlank()) {
            return List.copyOf(still);
        }
        List<String> wanted = Arrays.asList(requested.trim().split("\\s+"));
        for (String scope : wanted) {
            if (!still.contains(scope)) {
                throw OAuthException.invalidScope("Scope '" + scope + "' was not granted to this session");
            }
        }
        return List.copyOf(new LinkedHashSet<>(wanted));
    }
}
