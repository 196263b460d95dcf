package dev.tmcp.payment.it;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * auth-service as payment-service sees it: the JWKS that TEPs are checked with (the TEPs are minted
 * here), and the token endpoint that a mini-app backend's client credentials are checked at. Only
 * the backend half ({@code ma_x_backend}) of a registered mini-app has a secret.
 */
final class StubTokens {

    private final RSAKey key;
    private final Map<String, String> backendSecrets = new ConcurrentHashMap<>();

    StubTokens() {
        try {
            key = new RSAKeyGenerator(2048).keyID("stub-1").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String jwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /** A TEP for {@code userId} from mini-app {@code clientId}, with {@code wallet:pay}; launched in {@code roomId} if not null. */
    String tep(String userId, String clientId, Object roomId) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(StubWalletAndBridge.ISSUER).subject(userId).audience(clientId)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .jwtID("jti_" + UUID.randomUUID()).claim("token_type", "tep_access_token").claim("client_id", clientId).claim("azp", clientId)
                .claim("scope", "wallet:pay wallet:balance").claim("wallet_id", StubLedger.walletId(userId))
                .claim("session_id", "ses_" + UUID.randomUUID());
        if (roomId != null) {
            claims.claim("miniapp_context", Map.of("room_id", roomId));
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims.build());
            jwt.sign(new RSASSASigner(key));
            return "tep." + jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A registered, approved mini-app {@code ma_<label>_<random>} whose backend has a secret. */
    StubWalletAndBridge.Merchant merchant(String label) {
        String id = "ma_" + label + "_" + UUID.randomUUID().toString().substring(0, 8);
        var merchant = new StubWalletAndBridge.Merchant(id, id + "_backend", "secret-" + UUID.randomUUID());
        backendSecrets.put(merchant.backendId(), merchant.backendSecret());
        return merchant;
    }

    /** Whether {@code authorization} is HTTP Basic with a registered backend's id and secret. */
    boolean backendAuthenticates(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return false;
        }
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = pair.indexOf(':');
        return colon > 0 && pair.substring(colon + 1).equals(backendSecrets.get(pair.substring(0, colon)));
    }
}
