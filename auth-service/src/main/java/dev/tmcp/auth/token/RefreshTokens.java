package dev.tmcp.auth.token;

import dev.tmcp.auth.AuthProperties;
import dev.tmcp.core.crypto.Digests;
import dev.tmcp.core.id.Ids;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Opaque refresh tokens ({@code rt_…}); only their SHA-256 is stored. */
@Component
class RefreshTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatabaseClient db;
    private final AuthProperties properties;

    RefreshTokens(DatabaseClient db, AuthProperties properties) {
        this.db = db;
        this.properties = properties;
    }

    record Issued(String token, String tokenId) {
    }

    Mono<Issued> issue(String userId, String clientId, String scope, String sessionId, String walletId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "rt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String tokenId = Ids.next("rti_");
        return db.sql("insert into refresh_token (token_hash, token_id, user_id, client_id, scope, session_id, wallet_id, "
                        + "expires_at) values (:hash, :id, :user, :client, :scope, :session, :wallet, :expires)")
                .bind("hash", Digests.sha256Hex(token)).bind("id", tokenId).bind("user", userId).bind("client", clientId)
                .bind("scope", scope).bind("session", sessionId).bind("wallet", walletId)
                .bind("expires", Instant.now().plus(properties.refreshTokenLifetime()).atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated()
                .thenReturn(new Issued(token, tokenId));
    }
}
