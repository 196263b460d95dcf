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

/**
 * Opaque refresh tokens ({@code rt_…}); only their SHA-256 is stored. Each is single use: redeeming
 * one marks it used in the same statement that reads it, so two concurrent redemptions cannot both
 * win. A used token presented again is a replay, which the caller answers by ending the session.
 */
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

    /** A redeemed token: the session it continues. */
    record Redeemed(String sessionId, String userId, String clientId, String scope, String walletId) {
    }

    /** Why a token could not be redeemed. */
    enum Refusal { UNKNOWN, EXPIRED, REUSED }

    static final class RefusedException extends RuntimeException {
        final Refusal refusal;
        final String sessionId;

        RefusedException(Refusal refusal, String sessionId) {
            super(refusal.name(), null, false, false);
            this.refusal = refusal;
            this.sessionId = sessionId;
        }
    }

    /** The user a refresh token belongs to, used or not; empty when unknown. */
    Mono<String> ownerOf(String token) {
        return db.sql("select user_id from refresh_token where token_hash = :hash").bind("hash", Digests.sha256Hex(token))
                .map((row, meta) -> row.get("user_id", String.class)).one();
    }

    /** Marks the token used and answers its session, or errors with {@link RefusedException}. */
    Mono<Redeemed> redeem(String token) {
        String hash = Digests.sha256Hex(token);
        return db.sql("update refresh_token set used_at = now() "
                        + "where token_hash = :hash and used_at is null and expires_at > now() "
                        + "returning session_id, user_id, client_id, scope, wallet_id")
                .bind("hash", hash)
                .map((row, meta) -> new Redeemed(row.get("session_id", String.class), row.get("user_id", String.class),
                        row.get("client_id", String.class), row.get("scope", String.class),
                        row.get("wallet_id", String.class)))
                .one()
                .switchIfEmpty(Mono.defer(() -> refusal(hash)));
    }

    private Mono<Redeemed> refusal(String hash) {
        return db.sql("select session_id, used_at from refresh_token where token_hash = :hash").bind("hash", hash)
                .map((row, meta) -> new RefusedException(row.get("used_at") != null ? Refusal.REUSED : Refusal.EXPIRED,
                        row.get("session_id", String.class)))
                .one()
                .defaultIfEmpty(new RefusedException(Refusal.UNKNOWN, null))
                .flatMap(Mono::error);
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
