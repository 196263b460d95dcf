package dev.tmcp.auth.oauth;

import dev.tmcp.core.crypto.Digests;
import io.r2dbc.spi.Readable;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Function;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Opaque single-use refresh tokens (user and developer families alike): 256 random bits behind a
 * prefix, stored as SHA-256 only, in a table with {@code token_hash}, {@code session_id},
 * {@code used_at} and {@code expires_at}. Redeeming marks the token used in the statement that reads
 * it, so two concurrent redemptions cannot both win; a used token presented again is reported as
 * reuse, on which the caller ends the whole session (the token family).
 */
public final class SingleUseTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Why a token could not be redeemed. */
    public enum Refusal { UNKNOWN, EXPIRED, REUSED, WRONG_CLIENT }

    /** A token bound to one holder: {@code column} (a code constant) must equal {@code value}. */
    public record Holder(String column, String value) {
    }

    public static final class RefusedException extends RuntimeException {

        private final Refusal refusal;
        private final String sessionId;

        RefusedException(Refusal refusal, String sessionId) {
            super(refusal.name(), null, false, false);
            this.refusal = refusal;
            this.sessionId = sessionId;
        }

        public Refusal refusal() {
            return refusal;
        }

        /** The session of a used or expired token; null when the token is unknown. */
        public String sessionId() {
            return sessionId;
        }
    }

    private SingleUseTokens() {
    }

    public static String generate(String prefix) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /**
     * Marks the token used and maps the {@code returning} columns, or errors with
     * {@link RefusedException}. {@code table} and {@code returning} are code constants, never input.
     */
    public static <T> Mono<T> redeem(DatabaseClient db, String table, String returning, String token,
            Function<Readable, T> mapper) {
        return redeem(db, table, returning, token, null, mapper);
    }

    /**
     * As {@link #redeem(DatabaseClient, String, String, String, Function)}, but only by its
     * {@code holder}: a token presented by anyone else is refused as {@link Refusal#WRONG_CLIENT}
     * and stays unused, so its own holder can still redeem it.
     */
    public static <T> Mono<T> redeem(DatabaseClient db, String table, String returning, String token, Holder holder,
            Function<Readable, T> mapper) {
        String hash = Digests.sha256Hex(token);
        String holderColumn = holder == null ? "null" : holder.column();
        DatabaseClient.GenericExecuteSpec update = db.sql("update " + table + " set used_at = now() "
                        + "where token_hash = :hash and used_at is null and expires_at > now()"
                        + (holder == null ? "" : " and " + holder.column() + " = :holder") + " returning " + returning)
                .bind("hash", hash);
        if (holder != null) {
            update = update.bind("holder", holder.value());
        }
        return update.map(mapper)
                .one()
                .switchIfEmpty(Mono.defer(() -> db.sql("select session_id, used_at, " + holderColumn + " as holder from "
                                + table + " where token_hash = :hash")
                        .bind("hash", hash)
                        .map(row -> new RefusedException(refusal(row.get("used_at") != null,
                                row.get("holder", String.class), holder == null ? null : holder.value()),
                                row.get("session_id", String.class)))
                        .one()
                        .defaultIfEmpty(new RefusedException(Refusal.UNKNOWN, null))
                        .flatMap(Mono::error)));
    }

    /**
     * Why a known token was not redeemed. A token presented by another client than its holder is
     * refused first — before "reused": that presentation proves nothing about the holder's family
     * and must neither burn the token nor end the session.
     */
    static Refusal refusal(boolean used, String holder, String presenter) {
        if (presenter != null && !presenter.equals(holder)) {
            return Refusal.WRONG_CLIENT;
        }
        return used ? Refusal.REUSED : Refusal.EXPIRED;
    }
}
