package dev.tmcp.auth.session;

import dev.tmcp.auth.AuthProperties;
import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.Topics;
import dev.tmcp.core.event.auth.SessionStarted;
import dev.tmcp.web.outbox.OutboxWriter;
import dev.tmcp.web.tep.SessionRevocations;
import java.time.Instant;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * TEP sessions: created at the token exchange (with {@code session.started}, from which the store
 * counts each app's use), continued by refresh, ended by revocation. Ending a session marks it in
 * the database (so its refresh tokens stop working) and publishes it to the shared revocation list
 * (so the gateway and every service refuse its TEPs).
 */
@Component
public class TepSessions {

    private final DatabaseClient db;
    private final SessionRevocations revocations;
    private final AuthProperties properties;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;

    TepSessions(DatabaseClient db, SessionRevocations revocations, AuthProperties properties, OutboxWriter outbox,
            TransactionalOperator tx) {
        this.db = db;
        this.revocations = revocations;
        this.properties = properties;
        this.outbox = outbox;
        this.tx = tx;
    }

    public record Session(String sessionId, String userId, String clientId, String scope, String walletId,
            String subjectSource, String subjectSession, String miniappContext, boolean revoked) {

        /** The room the session was launched from, if its context names one. */
        public String roomId() {
            return MiniAppContexts.parse(miniappContext).get("room_id") instanceof String room ? room : null;
        }
    }

    public Mono<Void> create(Session s) {
        return db.sql("insert into tep_session (session_id, user_id, client_id, scope, wallet_id, subject_source, "
                        + "subject_session, miniapp_context) values (:id, :user, :client, :scope, :wallet, :source, "
                        + ":subjectSession, :context)")
                .bind("id", s.sessionId()).bind("user", s.userId()).bind("client", s.clientId())
                .bind("scope", s.scope()).bind("wallet", s.walletId()).bind("source", s.subjectSource())
                .bind("subjectSession", nullable(s.subjectSession())).bind("context", nullable(s.miniappContext()))
                .then()
                .then(outbox.append(Topics.AUTH, EventCodec.envelope(SessionStarted.TYPE, "auth-service", s.userId(),
                        new SessionStarted(s.userId(), s.clientId(), s.sessionId(), Instant.now().toString()))))
                .then()
                .as(tx::transactional);
    }

    public Mono<Session> find(String sessionId) {
        return db.sql("select * from tep_session where session_id = :id").bind("id", sessionId)
                .map(TepSessions::session)
                .one();
    }

    /** Ends one session (a refresh-token family); answers whether it was live. */
    public Mono<Boolean> revoke(String sessionId, String reason) {
        return end(db.sql("update tep_session set revoked_at = now(), revoke_reason = :reason "
                        + "where session_id = :id and revoked_at is null returning *")
                .bind("id", sessionId).bind("reason", reason))
                .map(ended -> !ended.isEmpty());
    }

    /** Ends every live session of a user with a mini-app; answers the sessions ended. */
    public Mono<List<Session>> revoke(String userId, String clientId, String reason) {
        return end(db.sql("update tep_session set revoked_at = now(), revoke_reason = :reason "
                        + "where user_id = :user and client_id = :client and revoked_at is null returning *")
                .bind("user", userId).bind("client", clientId).bind("reason", reason));
    }

    /** Ends every live session of a user with a mini-app that holds any of {@code scopes}. */
    public Mono<List<Session>> revokeHolding(String userId, String clientId, List<String> scopes, String reason) {
        return end(db.sql("update tep_session set revoked_at = now(), revoke_reason = :reason "
                        + "where user_id = :user and client_id = :client and revoked_at is null "
                        + "and string_to_array(scope, ' ') && :scopes returning *")
                .bind("user", userId).bind("client", clientId).bind("reason", reason)
                .bind("scopes", scopes.toArray(String[]::new)));
    }

    /** Ends every live session of a user, with any mini-app. */
    public Mono<List<Session>> revokeAll(String userId, String reason) {
        return end(db.sql("update tep_session set revoked_at = now(), revoke_reason = :reason "
                        + "where user_id = :user and revoked_at is null returning *")
                .bind("user", userId).bind("reason", reason));
    }

    /**
     * Ends every live session of a user with a mini-app that began at or before {@code before}: one
     * opened after an uninstall (the user came back) is not ended by that uninstall.
     */
    public Mono<List<Session>> revokeStartedBefore(String userId, String clientId, String reason, java.time.Instant before) {
        return end(db.sql("update tep_session set revoked_at = now(), revoke_reason = :reason "
                        + "where user_id = :user and client_id = :client and revoked_at is null and created_at <= :before "
                        + "returning *")
                .bind("user", userId).bind("client", clientId).bind("reason", reason)
                .bind("before", before.atOffset(java.time.ZoneOffset.UTC)));
    }

    /** Ends every live session of a mini-app, of every user, begun at or before {@code before} (a suspended app). */
    public Mono<List<Session>> revokeApp(String clientId, String reason, java.time.Instant before) {
        return end(db.sql("update tep_session set revoked_at = now(), revoke_reason = :reason "
                        + "where client_id = :client and revoked_at is null and created_at <= :before returning *")
                .bind("client", clientId).bind("reason", reason).bind("before", before.atOffset(java.time.ZoneOffset.UTC)));
    }

    private Mono<List<Session>> end(DatabaseClient.GenericExecuteSpec update) {
        return update.map(TepSessions::session)
                .all().collectList()
                .flatMap(ended -> revocations.revoke(ended.stream().map(Session::sessionId).toList(),
                                properties.tepLifetime())
                        .thenReturn(ended));
    }

    private static Session session(io.r2dbc.spi.Readable row) {
        return new Session(row.get("session_id", String.class), row.get("user_id", String.class),
                row.get("client_id", String.class), row.get("scope", String.class), row.get("wallet_id", String.class),
                row.get("subject_source", String.class), row.get("subject_session", String.class),
                row.get("miniapp_context", String.class), row.get("revoked_at") != null);
    }

    private static io.r2dbc.spi.Parameter nullable(String value) {
        return io.r2dbc.spi.Parameters.in(io.r2dbc.spi.R2dbcType.VARCHAR, value);
    }
}
