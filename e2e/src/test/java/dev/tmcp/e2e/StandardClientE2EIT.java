package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.token.TypelessAccessToken;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The suite through ordinary OAuth 2.0 / JOSE libraries (Nimbus OAuth 2.0 SDK and Nimbus JOSE+JWT),
 * none of our own code: discover the issuer (RFC 8414), exchange a Matrix token (RFC 8693), verify
 * the TEP against the published JWKS with the algorithm pinned, and refresh (RFC 6749 6).
 */
class StandardClientE2EIT {

    @Test
    void aStandardClientObtainsVerifiesAndRefreshesATep() throws Exception {
        Homeserver.User user = Homeserver.register("std_" + UUID.randomUUID().toString().substring(0, 8));
        AuthorizationServerMetadata metadata = AuthorizationServerMetadata.resolve(new Issuer(Tmcp.GATEWAY));
        assertThat(metadata.getGrantTypes()).extracting(Object::toString)
                .contains("urn:ietf:params:oauth:grant-type:token-exchange", "refresh_token");

        TokenRequest exchange = new TokenRequest.Builder(metadata.getTokenEndpointURI(), new ClientID(Tmcp.CLIENT_ID),
                new TokenExchangeGrant(new TypelessAccessToken(user.accessToken()), TokenTypeURI.ACCESS_TOKEN))
                .scope(new Scope("user:read", "wallet:balance")).build();
        TokenResponse response = TokenResponse.parse(exchange.toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).as("%s", response).isTrue();
        AccessTokenResponse tokens = response.toSuccessResponse();
        String tep = tokens.getTokens().getAccessToken().getValue();
        assertThat(tep).startsWith("tep.");

        JWTClaimsSet claims = verifier(metadata).process(tep.substring(4), null);
        assertThat(claims.getSubject()).isEqualTo(user.userId());
        assertThat(claims.getStringClaim("scope")).isEqualTo("user:read wallet:balance");
        assertThat(Http.get(Tmcp.GATEWAY + "/wallet/v1/balance", tep).status()).isEqualTo(200);

        TokenRequest refresh = new TokenRequest.Builder(metadata.getTokenEndpointURI(), new ClientID(Tmcp.CLIENT_ID),
                new RefreshTokenGrant(tokens.getTokens().getRefreshToken())).build();
        TokenResponse refreshed = TokenResponse.parse(refresh.toHTTPRequest().send());
        assertThat(refreshed.indicatesSuccess()).as("%s", refreshed).isTrue();
        String next = refreshed.toSuccessResponse().getTokens().getAccessToken().getValue();
        assertThat(verifier(metadata).process(next.substring(4), null).getStringClaim("session_id"))
                .isEqualTo(claims.getStringClaim("session_id"));
    }

    private static DefaultJWTProcessor<SecurityContext> verifier(AuthorizationServerMetadata metadata) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                JWKSourceBuilder.create(metadata.getJWKSetURI().toURL()).build()));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(Tmcp.CLIENT_ID,
                new JWTClaimsSet.Builder().issuer(metadata.getIssuer().getValue()).claim("token_type", "tep_access_token").build(),
                Set.of("sub", "exp", "iat", "nbf", "jti", "session_id", "wallet_id", "scope")));
        return processor;
    }
}
