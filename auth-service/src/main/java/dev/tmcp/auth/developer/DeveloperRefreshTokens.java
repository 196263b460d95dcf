package dev.tmcp.auth.developer;

import dev.tmcp.core.crypto.Digests;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Opaque developer refresh tokens ({@code rt_dev_…}, spec 4.4.5), stored as SHA-256 only and
 * single use: redeeming marks the token used in the statement that reads it, so two concurrent
 * redemptions cannot both win. A used token presented again is reported as reuse, on which the
 * caller ends the whole session (the token family).
 */
@Component
class DeveloperRefreshTokens {

    static final String PREFIX = "rt_dev_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatabaseClient db;
    private final DeveloperProperties properties;

    DeveloperRefreshTokens(DatabaseClient db, DeveloperProperties properties) {
        this.db = db;
        this.properties = properties;
    }

    record Redeemed(String sessionId, String developerId) {
    }

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

    Mono<String> issue(String sessionId, String developerId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return db.sql("insert into developer_refresh_token (token_hash, session_id, developer_id, expires_at) "
                        + "values (:hash, :session, :dev, :expires)")
                .bind("hash", Digests.sha256Hex(token)).bind("session", sessionId).bind("dev", developerId)
                .bind("expires", Instant.now().plus(properties.refreshTokenLifetime()).atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated().thenReturn(token);
    }

    Mono<Redeemed> redeem(String token) {
        String hash = Digests.sha256Hex(token);
        return db.sql("update developer_refresh_token set used_at = now() "
                        + "where token_hash = :hash and used_at is null and expires_at > now() "
                        + "returning session_id, developer_id")
                .bind("hash", hash)
                .map((row, meta) -> new Redeemed(row.get("session_id", String.class), row.get("developer_id", String.class)))
                .one()
                .switchIfEmpty(Mono.defer(() -> db.sql("select session_id, used_at from developer_refresh_token "
                                + "where token_hash = :hash").bind("hash", hash)
                        .map((row, meta) -> new RefusedException(row.get("used_at") != null ? Refusal.REUSED : Refusal.EXPIRED,
                                row.get("session_id", String.class)))
                        .one()
                        .defaultIfEmpty(new RefusedException(Refusal.UNKNOWN, null))
                        .flatMap(Mono::error)));
    }

    /** The session a refresh token belongs to, used or not; empty when unknown. */
    Mono<String> sessionOf(String token) {
        return db.sql("select session_id from developer_refresh_token where token_hash = :hash")
                .bind("hash", Digests.sha256Hex(token))
                .map((row, meta) -> row.get("session_id", String.class)).one();
    }
}
