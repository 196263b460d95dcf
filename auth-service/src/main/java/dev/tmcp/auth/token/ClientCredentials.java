package dev.tmcp.auth.token;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.tmcp.auth.AuthProperties;
import dev.tmcp.auth.oauth.OAuthException;
import dev.tmcp.auth.oauth.TokenSigner;
import dev.tmcp.core.id.Ids;
import dev.tmcp.web.tep.TokenTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The {@code client_credentials} grant for confidential backends (spec 9.1.1): a one-hour token
 * naming the mini-app and no user, with scopes from its registration and never a refresh token
 * (RFC 6749 4.4.3). It carries {@code token_type: client_access_token}, so no TEP check accepts it.
 */
@Component
class ClientCredentials {

    static final Duration LIFETIME = Duration.ofHours(1);

    private final TokenSigner signer;
    private final AuthProperties properties;

    ClientCredentials(TokenSigner signer, AuthProperties properties) {
        this.signer = signer;
        this.properties = properties;
    }

    Mono<TokenResponse> issue(ClientAuthentication.Client client, String requestedScope) {
        if (!client.confidential() || !client.app().isBackend(client.clientId())) {
            return Mono.error(new OAuthException(400, "unauthorized_client",
                    "client_credentials is for authenticated confidential backends", Map.of()));
        }
        ScopeDecision.Result scopes = ScopeDecision.decide(requestedScope, client.app(), java.util.Set.of());
        // RFC 6749 4.4.2 lets a backend omit scope: it gets what its registration grants without a
        // user, not a refusal because the app also registers consent scopes for its users.
        boolean named = requestedScope != null && !requestedScope.isBlank();
        if (named ? !scopes.complete() : scopes.granted().isEmpty()) {
            return Mono.error(OAuthException.invalidScope("Scopes " + scopes.consentRequired()
                    + " need a user's consent and cannot be granted to a backend"));
        }
        String scope = String.join(" ", scopes.granted());
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .subject(client.clientId())
                .audience("tmcp-server")
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(Ids.next("jti_"))
                .claim("token_type", TokenTypes.CLIENT)
                .claim("client_id", client.app().clientId())
                .claim("azp", client.clientId())
                .claim("scope", scope)
                .build();
        return signer.sign(claims)
                .map(jwt -> TokenResponse.client(TokenTypes.CLIENT_PREFIX + jwt, LIFETIME.toSeconds(), scope));
    }
}
