package dev.tmcp.auth.token;

import dev.tmcp.auth.AuthProperties;
import dev.tmcp.auth.oauth.SingleUseTokens;
import dev.tmcp.core.crypto.Digests;
import dev.tmcp.core.id.Ids;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The user's refresh tokens ({@code rt_…}, spec 4.14), single use ({@link SingleUseTokens}). */
@Component
class RefreshTokens {

    private final DatabaseClient db;
    private final AuthProperties properties;

    RefreshTokens(DatabaseClient db, AuthProperties properties) {
        this.db = db;
        this.properties = properties;
    }

    record Issued(String token, String tokenId) {
    }

    /** A redeemed token: the session it continues. */
    record Redeemed(String sessionId, String userId, String clientId, String scope, String walletId) {
    }

    /** Whose refresh token it is: the user and the client it was issued to. */
    record Owner(String userId, String clientId) {
    }

    /** The owner of a refresh token, used or not; empty when unknown. */
    Mono<Owner> ownerOf(String token) {
        return db.sql("select user_id, client_id from refresh_token where token_hash = :hash")
                .bind("hash", Digests.sha256Hex(token))
                .map((row, meta) -> new Owner(row.get("user_id", String.class), row.get("client_id", String.class))).one();
    }

    /**
     * Marks the token used and answers its session, or errors with {@link SingleUseTokens.RefusedException};
     * only {@code clientId}, the client it was issued to, can redeem it.
     */
    Mono<Redeemed> redeem(String token, String clientId) {
        return SingleUseTokens.redeem(db, "refresh_token", "session_id, user_id, client_id, scope, wallet_id", token,
                new SingleUseTokens.Holder("client_id", clientId),
                row -> new Redeemed(row.get("session_id", String.class), row.get("user_id", String.class),
                        row.get("client_id", String.class), row.get("scope", String.class),
                        row.get("wallet_id", String.class)));
    }

    Mono<Issued> issue(String userId, String clientId, String scope, String sessionId, String walletId) {
        String token = SingleUseTokens.generate("rt_");
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
