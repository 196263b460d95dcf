package dev.tmcp.auth.developer;

import dev.tmcp.auth.oauth.SingleUseTokens;
import dev.tmcp.core.crypto.Digests;
import java.time.Instant;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Developer refresh tokens ({@code rt_dev_…}, spec 4.4.5), single use ({@link SingleUseTokens}). */
@Component
class DeveloperRefreshTokens {

    static final String PREFIX = "rt_dev_";

    private final DatabaseClient db;
    private final DeveloperProperties properties;

    DeveloperRefreshTokens(DatabaseClient db, DeveloperProperties properties) {
        this.db = db;
        this.properties = properties;
    }

    record Redeemed(String sessionId, String developerId) {
    }

    Mono<String> issue(String sessionId, String developerId) {
        String token = SingleUseTokens.generate(PREFIX);
        return db.sql("insert into developer_refresh_token (token_hash, session_id, developer_id, expires_at) "
                        + "values (:hash, :session, :dev, :expires)")
                .bind("hash", Digests.sha256Hex(token)).bind("session", sessionId).bind("dev", developerId)
                .bind("expires", Instant.now().plus(properties.refreshTokenLifetime()).atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated().thenReturn(token);
    }

    /** Marks the token used, or errors with {@link SingleUseTokens.RefusedException}. */
    Mono<Redeemed> redeem(String token) {
        return SingleUseTokens.redeem(db, "developer_refresh_token", "session_id, developer_id", token,
                row -> new Redeemed(row.get("session_id", String.class), row.get("developer_id", String.class)));
    }

    /** The session a refresh token belongs to, used or not; empty when unknown. */
    Mono<String> sessionOf(String token) {
        return db.sql("select session_id from developer_refresh_token where token_hash = :hash")
                .bind("hash", Digests.sha256Hex(token))
                .map((row, meta) -> row.get("session_id", String.class)).one();
    }
}
