package dev.tmcp.auth.token;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.tmcp.auth.AuthProperties;
import dev.tmcp.auth.clients.MiniAppRegistryClient;
import dev.tmcp.auth.clients.WalletAccountsClient;
import dev.tmcp.auth.subject.SubjectIdentity;
import dev.tmcp.auth.subject.SubjectTokenVerifier;
import dev.tmcp.core.id.Ids;
import dev.tmcp.core.id.RoomId;
import dev.tmcp.web.tep.TokenTypes;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** RFC 8693 token exchange into a TEP (spec 4.3.1). */
@Service
class TokenExchange {

    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    static final String TEP_TOKEN_TYPE = "urn:tmcp:params:oauth:token-type:tep";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SubjectTokenVerifier subjects;
    private final MiniAppRegistryClient registry;
    private final WalletAccountsClient wallets;
    private final TokenSigner signer;
    private final RefreshTokens refreshTokens;
    private final AuthProperties properties;

    TokenExchange(SubjectTokenVerifier subjects, MiniAppRegistryClient registry, WalletAccountsClient wallets,
            TokenSigner signer, RefreshTokens refreshTokens, AuthProperties properties) {
        this.subjects = subjects;
        this.registry = registry;
        this.wallets = wallets;
        this.signer = signer;
        this.refreshTokens = refreshTokens;
        this.properties = properties;
    }

    record Request(String subjectToken, String subjectTokenType, String clientId, String scope,
            String requestedTokenType, String miniappContext) {
    }

    Mono<Map<String, Object>> exchange(Request request) {
        if (request.subjectToken() == null || request.subjectToken().isBlank()) {
            return Mono.error(OAuthException.invalidRequest("subject_token is required"));
        }
        if (!ACCESS_TOKEN_TYPE.equals(request.subjectTokenType())) {
            return Mono.error(OAuthException.invalidRequest("subject_token_type must be " + ACCESS_TOKEN_TYPE));
        }
        if (request.clientId() == null || request.clientId().isBlank()) {
            return Mono.error(OAuthException.invalidClient("client_id is required"));
        }
        if (request.requestedTokenType() != null && !TEP_TOKEN_TYPE.equals(request.requestedTokenType())) {
            return Mono.error(OAuthException.invalidRequest("requested_token_type must be " + TEP_TOKEN_TYPE));
        }
        Map<String, Object> context = parseContext(request.miniappContext());
        return registry.find(request.clientId())
                .filter(app -> "active".equals(app.status()))
                .switchIfEmpty(Mono.error(() -> OAuthException.invalidClient("This mini-app is not active")))
                .flatMap(app -> subjects.verify(request.subjectToken())
                        .flatMap(subject -> {
                            List<String> scopes = ScopeDecision.grant(request.scope(), app, Set.of());
                            return wallets.walletIdOf(subject.userId().value())
                                    .flatMap(walletId -> issue(subject, app.clientId(), scopes, walletId, context));
                        }));
    }

    private Mono<Map<String, Object>> issue(SubjectIdentity subject, String clientId, List<String> scopes,
            String walletId, Map<String, Object> context) {
        String sessionId = Ids.next("ses_");
        String scope = String.join(" ", scopes);
        return refreshTokens.issue(subject.userId().value(), clientId, scope, sessionId, walletId)
                .flatMap(refresh -> signer.sign(claims(subject, clientId, scope, walletId, sessionId, context, refresh))
                        .map(jwt -> {
                            Map<String, Object> body = new LinkedHashMap<>();
                            body.put("access_token", TokenTypes.TEP_PREFIX + jwt);
                            body.put("token_type", "Bearer");
                            body.put("expires_in", properties.tepLifetime().toSeconds());
                            body.put("refresh_token", refresh.token());
                            body.put("scope", scope);
                            body.put("user_id", subject.userId().value());
                            body.put("wallet_id", walletId);
                            body.put("delegated_session", SubjectIdentity.MATRIX_SESSION.equals(subject.source()));
                            return body;
                        }));
    }

    private JWTClaimsSet claims(SubjectIdentity subject, String clientId, String scope, String walletId,
            String sessionId, Map<String, Object> context, RefreshTokens.Issued refresh) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .subject(subject.userId().value())
                .audience(clientId)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(properties.tepLifetime())))
                .jwtID(Ids.next("jti_"))
                .claim("token_type", TokenTypes.TEP)
                .claim("client_id", clientId)
                .claim("azp", clientId)
                .claim("scope", scope)
                .claim("wallet_id", walletId)
                .claim("session_id", sessionId)
                .claim("mas_session", Map.of("active", true, "refresh_token_id", refresh.tokenId()))
                .claim("delegated_from", subject.source());
        if (!context.isEmpty()) {
            claims.claim("miniapp_context", context);
        }
        if (subject.deviceId() != null) {
            claims.claim("matrix_session_ref", Map.of("device_id", subject.deviceId()));
        }
        return claims.build();
    }

    private static Map<String, Object> parseContext(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        Map<String, Object> context;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> parsed = JSON.readValue(json, Map.class);
            context = parsed;
        } catch (JacksonException e) {
            throw OAuthException.invalidRequest("miniapp_context must be a JSON object");
        }
        Object room = context.get("room_id");
        if (room != null && !(room instanceof String r && RoomId.isValid(r))) {
            throw OAuthException.invalidRequest("miniapp_context.room_id must be a Matrix room id");
        }
        if (json.length() > 2048) {
            throw OAuthException.invalidRequest("miniapp_context is too large");
        }
        return context;
    }
}
