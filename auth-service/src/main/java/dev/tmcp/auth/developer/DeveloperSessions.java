package dev.tmcp.auth.developer;

import dev.tmcp.core.id.Ids;
import dev.tmcp.web.tep.SessionRevocations;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Developer sessions: the {@code session_id} of every developer token. Ending one marks it in
 * the database (its refresh tokens stop working) and in the shared revocation list (every
 * verifier refuses its developer tokens), exactly as TEP sessions are ended.
 */
@Component
class DeveloperSessions {

    private final DatabaseClient db;
    private final SessionRevocations revocations;
    private final DeveloperProperties properties;

    DeveloperSessions(DatabaseClient db, SessionRevocations revocations, DeveloperProperties properties) {
        this.db = db;
        this.revocations = revocations;
        this.properties = properties;
    }

    Mono<String> open(String developerId) {
        String sessionId = Ids.next("dses_");
        return db.sql("insert into developer_session (session_id, developer_id) values (:id, :dev)")
                .bind("id", sessionId).bind("dev", developerId)
                .fetch().rowsUpdated().thenReturn(sessionId);
    }

    Mono<Boolean> live(String sessionId) {
        return db.sql("select revoked_at from developer_session where session_id = :id").bind("id", sessionId)
                .map((row, meta) -> row.get("revoked_at") == null).one().defaultIfEmpty(false);
    }

    /** Ends one session; answers whether it was live. */
    Mono<Boolean> revoke(String sessionId, String reason) {
        return end(db.sql("update developer_session set revoked_at = now(), revoke_reason = :reason "
                        + "where session_id = :id and revoked_at is null returning session_id")
                .bind("id", sessionId).bind("reason", reason))
                .map(ended -> !ended.isEmpty());
    }

    /** Ends every live session of a developer; answers how many. */
    Mono<Integer> revokeAll(String developerId, String reason) {
        return end(db.sql("update developer_session set revoked_at = now(), revoke_reason = :reason "
                        + "where developer_id = :dev and revoked_at is null returning session_id")
                .bind("dev", developerId).bind("reason", reason))
                .map(List::size);
    }

    private Mono<List<String>> end(DatabaseClient.GenericExecuteSpec update) {
        // The revocation entry must outlive every developer token of the session.
        return update.map((row, meta) -> row.get("session_id", String.class)).all().collectList()
                .flatMap(ended -> revocations.revoke(ended, properties.tokenLifetime()).thenReturn(ended));
    }
}
