package dev.tmcp.auth.token;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.tmcp.auth.AuthProperties;
import dev.tmcp.auth.oauth.TokenSigner;
import dev.tmcp.auth.session.MiniAppContexts;
import dev.tmcp.auth.session.TepSessions;
import dev.tmcp.auth.subject.SubjectIdentity;
import dev.tmcp.core.id.Ids;
import dev.tmcp.web.tep.TokenTypes;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Issues a TEP (claims of spec 4.10) and its rotating refresh token, either opening a new session
 * (token exchange) or continuing one (refresh grant).
 */
@Component
class TepIssuer {

    private final TokenSigner signer;
    private final RefreshTokens refreshTokens;
    private final TepSessions sessions;
    private final AuthProperties properties;

    TepIssuer(TokenSigner signer, RefreshTokens refreshTokens, TepSessions sessions, AuthProperties properties) {
        this.signer = signer;
        this.refreshTokens = refreshTokens;
        this.sessions = sessions;
        this.properties = properties;
    }

    /** What a TEP says about its session. */
    record Grant(String userId, String clientId, List<String> scopes, String walletId, String sessionId,
            String subjectSource, String subjectSession, String deviceId, Map<String, Object> context) {

        String scope() {
            return String.join(" ", scopes);
        }
    }

    Mono<TokenResponse> openSession(Grant grant) {
        String context = MiniAppContexts.write(grant.context());
        return sessions.create(new TepSessions.Session(grant.sessionId(), grant.userId(), grant.clientId(),
                        grant.scope(), grant.walletId(), grant.subjectSource(), grant.subjectSession(), context, false))
                .then(issue(grant));
    }

    Mono<TokenResponse> continueSession(Grant grant) {
        return issue(grant);
    }

    private Mono<TokenResponse> issue(Grant grant) {
        return refreshTokens.issue(grant.userId(), grant.clientId(), grant.scope(), grant.sessionId(), grant.walletId())
                .flatMap(refresh -> signer.sign(claims(grant, refresh)).map(jwt -> TokenResponse.tep(
                        TokenTypes.TEP_PREFIX + jwt, properties.tepLifetime().toSeconds(), refresh.token(), grant.scope(),
                        grant.userId(), grant.walletId(), SubjectIdentity.MATRIX_SESSION.equals(grant.subjectSource()))));
    }

    private JWTClaimsSet claims(Grant grant, RefreshTokens.Issued refresh) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .subject(grant.userId())
                .audience(grant.clientId())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(properties.tepLifetime())))
                .jwtID(Ids.next("jti_"))
                .claim("token_type", TokenTypes.TEP)
                .claim("client_id", grant.clientId())
                .claim("azp", grant.clientId())
                .claim("scope", grant.scope())
                .claim("wallet_id", grant.walletId())
                .claim("session_id", grant.sessionId())
                .claim("mas_session", Map.of("active", true, "refresh_token_id", refresh.tokenId()))
                .claim("delegated_from", grant.subjectSource());
        if (!grant.context().isEmpty()) {
            claims.claim("miniapp_context", grant.context());
        }
        if (grant.deviceId() != null || grant.subjectSession() != null) {
            Map<String, Object> ref = new LinkedHashMap<>();
            if (grant.deviceId() != null) {
                ref.put("device_id", grant.deviceId());
            }
            if (grant.subjectSession() != null) {
                ref.put("session_id", grant.subjectSession());
            }
            claims.claim("matrix_session_ref", ref);
        }
        return claims.build();
    }
}
