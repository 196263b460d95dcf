package dev.tmcp.auth.token;

import dev.tmcp.auth.clients.MiniAppRegistryClient;
import dev.tmcp.auth.clients.WalletAccountsClient;
import dev.tmcp.auth.consent.Consents;
import dev.tmcp.auth.keycloak.KeycloakTokenExchange;
import dev.tmcp.auth.oauth.OAuthException;
import dev.tmcp.auth.subject.SubjectIdentity;
import dev.tmcp.auth.subject.SubjectTokenReplays;
import dev.tmcp.auth.subject.SubjectTokenVerifier;
import dev.tmcp.core.id.Ids;
import dev.tmcp.core.id.RoomId;
import java.util.Map;
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
    static final String CONSENT_PATH = "/oauth2/consent";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SubjectTokenVerifier subjects;
    private final SubjectTokenReplays replays;
    private final MiniAppRegistryClient registry;
    private final WalletAccountsClient wallets;
    private final Consents consents;
    private final TepIssuer issuer;
    private final TokenRateLimits rateLimits;
    private final KeycloakTokenExchange keycloakExchange;

    TokenExchange(SubjectTokenVerifier subjects, SubjectTokenReplays replays, MiniAppRegistryClient registry,
            WalletAccountsClient wallets, Consents consents, TepIssuer issuer, TokenRateLimits rateLimits,
            KeycloakTokenExchange keycloakExchange) {
        this.keycloakExchange = keycloakExchange;
        this.rateLimits = rateLimits;
        this.subjects = subjects;
        this.replays = replays;
        this.registry = registry;
        this.wallets = wallets;
        this.consents = consents;
        this.issuer = issuer;
    }

    record Request(String subjectToken, String subjectTokenType, String clientId, String scope,
            String requestedTokenType, String miniappContext) {
    }

    Mono<TokenResponse> exchange(Request request, MiniAppRegistryClient.MiniApp app) {
        if (request.subjectToken() == null || request.subjectToken().isBlank()) {
            return Mono.error(OAuthException.invalidRequest("subject_token is required"));
        }
        if (!ACCESS_TOKEN_TYPE.equals(request.subjectTokenType())) {
            return Mono.error(OAuthException.invalidRequest("subject_token_type must be " + ACCESS_TOKEN_TYPE));
        }
        if (request.requestedTokenType() != null && !TEP_TOKEN_TYPE.equals(request.requestedTokenType())) {
            return Mono.error(OAuthException.invalidRequest("requested_token_type must be " + TEP_TOKEN_TYPE));
        }
        Map<String, Object> context = parseContext(request.miniappContext());
        return subjects.verify(request.subjectToken(), app.clientId())
                .flatMap(subject -> consents.approved(subject.userId().value(), app.clientId())
                        .flatMap(approved -> {
                            ScopeDecision.Result scopes = ScopeDecision.decide(request.scope(), app, approved);
                            if (!scopes.complete()) {
                                return consentRequired(subject, app, scopes);
                            }
                            return rateLimits.charge(TokenRateLimits.GENERATION, subject.userId().value())
                                    .then(matrixToken(request.subjectToken(), subject))
                                    .flatMap(matrix -> replays.claim(request.subjectToken(), app.clientId(), subject)
                                            .then(wallets.walletIdOf(subject.userId().value()))
                                            .flatMap(walletId -> issuer.openSession(new TepIssuer.Grant(
                                                    subject.userId().value(), app.clientId(), scopes.granted(), walletId,
                                                    Ids.next("ses_"), subject.source(), subject.sessionRef(),
                                                    subject.deviceId(), context)))
                                            .map(body -> withMatrixToken(body, matrix)));
                        }));
    }

    /**
     * Step 7 of 4.3.1: a Keycloak subject gets a fresh short-lived token from Keycloak. A homeserver
     * token has no such exchange (decision 0013): nothing is added.
     */
    private Mono<java.util.Optional<KeycloakTokenExchange.MatrixToken>> matrixToken(String subjectToken,
            SubjectIdentity subject) {
        if (!SubjectIdentity.KEYCLOAK.equals(subject.source())) {
            return Mono.just(java.util.Optional.empty());
        }
        return keycloakExchange.exchange(subjectToken).map(java.util.Optional::of);
    }

    private static TokenResponse withMatrixToken(TokenResponse body,
            java.util.Optional<KeycloakTokenExchange.MatrixToken> matrix) {
        return body.exchanged(TEP_TOKEN_TYPE, matrix.map(KeycloakTokenExchange.MatrixToken::accessToken).orElse(null),
                matrix.map(KeycloakTokenExchange.MatrixToken::expiresIn).orElse(null));
    }

    private Mono<TokenResponse> consentRequired(SubjectIdentity subject, MiniAppRegistryClient.MiniApp app,
            ScopeDecision.Result scopes) {
        return consents.open(subject.userId().value(), app.clientId(), scopes.consentRequired(), scopes.granted())
                .flatMap(consentId -> {
                    Map<String, Object> extra = new java.util.LinkedHashMap<>();
                    extra.put("consent_required_scopes", scopes.consentRequired());
                    extra.put("pre_approved_scopes", scopes.granted());
                    extra.put("consent_ui_endpoint", CONSENT_PATH + "?session=" + consentId);
                    extra.putAll(scopes.validation());
                    return Mono.error(new OAuthException(403, "consent_required", "User must approve sensitive scopes", extra));
                });
    }

    private static Map<String, Object> parseContext(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        if (json.length() > 2048) {
            throw OAuthException.invalidRequest("miniapp_context is too large");
        }
        Map<String, Object> context;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> parsed = JSON.readValue(json, Map.class);
            context = parsed;
        } catch (JacksonException e) {
            context = null;
        }
        if (context == null) {
            // The JSON literal null parses to no map at all: as malformed as any non-object.
            throw OAuthException.invalidRequest("miniapp_context must be a JSON object");
        }
        Object room = context.get("room_id");
        if (room != null && !(room instanceof String r && RoomId.isValid(r))) {
            throw OAuthException.invalidRequest("miniapp_context.room_id must be a Matrix room id");
        }
        return context;
    }
}
