package dev.tmcp.auth.revocation;

import dev.tmcp.auth.consent.Consents;
import dev.tmcp.auth.keycloak.KeycloakSessions;
import dev.tmcp.auth.session.TepSessions;
import dev.tmcp.auth.subject.SubjectIdentity;
import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.Topics;
import dev.tmcp.core.event.auth.ScopeRevoked;
import dev.tmcp.core.event.auth.UserDeleted;
import dev.tmcp.web.outbox.OutboxWriter;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Permission revocation (spec 5.6) and account deletion. The database change and the event are one
 * transaction (outbox); the shared revocation list is written inside it, so TEPs stop working before
 * the call answers; Keycloak sessions are ended after commit.
 */
@Service
public class Revocations {

    static final List<String> MATRIX_SCOPES = List.of("urn:matrix:org.matrix.msc2967.client:api:*");

    private final TepSessions sessions;
    private final Consents consents;
    private final KeycloakSessions keycloak;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;

    Revocations(TepSessions sessions, Consents consents, KeycloakSessions keycloak, OutboxWriter outbox,
            TransactionalOperator tx) {
        this.sessions = sessions;
        this.consents = consents;
        this.keycloak = keycloak;
        this.outbox = outbox;
        this.tx = tx;
    }

    /** What a revocation ended. */
    public record Outcome(int sessionsRevoked, List<String> revokedScopes, long revokedAt) {
    }

    /** Withdraws a mini-app's permissions for a user: every session, every approval. */
    public Mono<Outcome> revoke(String userId, String clientId, String reason) {
        return revoke(userId, clientId, reason, sessions.revoke(userId, clientId, reason));
    }

    /** As {@link #revoke(String, String, String)}, for the sessions begun at or before {@code before}. */
    public Mono<Outcome> revokeStartedBefore(String userId, String clientId, String reason, Instant before) {
        return revoke(userId, clientId, reason, sessions.revokeStartedBefore(userId, clientId, reason, before));
    }

    private Mono<Outcome> revoke(String userId, String clientId, String reason, Mono<List<TepSessions.Session>> ending) {
        long now = Instant.now().getEpochSecond();
        return ending
                .flatMap(ended -> consents.forget(userId, clientId)
                        .then(ended.isEmpty() ? Mono.empty() : announce(userId, clientId, reason, now, ended))
                        .thenReturn(ended))
                .as(tx::transactional)
                .flatMap(ended -> keycloak.end(keycloakSessions(ended))
                        .thenReturn(new Outcome(ended.size(), scopesOf(ended), now)));
    }

    /**
     * Withdraws some scopes only (spec 5.6): their approvals are forgotten and every session holding
     * one of them ends (a TEP cannot lose a scope; the client exchanges again for the rest). Sessions
     * without them go on. {@code scope.revoked} names the scopes withdrawn.
     */
    public Mono<Outcome> revokeScopes(String userId, String clientId, List<String> scopes, String reason) {
        long now = Instant.now().getEpochSecond();
        return sessions.revokeHolding(userId, clientId, scopes, reason)
                .flatMap(ended -> consents.forget(userId, clientId, scopes)
                        .flatMap(forgotten -> {
                            List<String> withdrawn = withdrawn(scopes, forgotten, ended);
                            Mono<Void> event = withdrawn.isEmpty() ? Mono.empty()
                                    : outbox.append(Topics.AUTH, EventCodec.envelope(ScopeRevoked.TYPE, "auth-service", userId,
                                            new ScopeRevoked(userId, clientId, withdrawn, reason, now, MATRIX_SCOPES,
                                                    rooms(ended)))).then();
                            return event.thenReturn(new Outcome(ended.size(), withdrawn, now));
                        })
                        .map(outcome -> java.util.Map.entry(ended, outcome)))
                .as(tx::transactional)
                .flatMap(done -> keycloak.end(keycloakSessions(done.getKey())).thenReturn(done.getValue()));
    }

    /** The requested scopes that were approved or held by an ended session, in the order asked. */
    static List<String> withdrawn(List<String> requested, List<String> forgotten, List<TepSessions.Session> ended) {
        Set<String> held = new LinkedHashSet<>(forgotten);
        held.addAll(scopesOf(ended));
        return requested.stream().filter(held::contains).distinct().toList();
    }

    private static List<String> rooms(List<TepSessions.Session> ended) {
        return ended.stream().map(TepSessions.Session::roomId).filter(Objects::nonNull).distinct().toList();
    }

    /** {@code scope.revoked}, only when something was live (a revocation that ends nothing says nothing). */
    private Mono<Void> announce(String userId, String clientId, String reason, long now, List<TepSessions.Session> ended) {
        ScopeRevoked event = new ScopeRevoked(userId, clientId, scopesOf(ended), reason, now, MATRIX_SCOPES, rooms(ended));
        return outbox.append(Topics.AUTH, EventCodec.envelope(ScopeRevoked.TYPE, "auth-service", userId, event)).then();
    }

    /** An account was deleted: every session with every mini-app ends and every service drops the user's data. */
    public Mono<Integer> deleteAccount(String userId) {
        return sessions.revokeAll(userId, "account_deleted")
                .flatMap(ended -> consents.forgetUser(userId)
                        .then(outbox.append(Topics.AUTH, EventCodec.envelope(UserDeleted.TYPE, "auth-service", userId,
                                new UserDeleted(userId))))
                        .thenReturn(ended))
                .as(tx::transactional)
                .flatMap(ended -> keycloak.end(keycloakSessions(ended)).thenReturn(ended.size()));
    }

    private static List<String> keycloakSessions(List<TepSessions.Session> ended) {
        return ended.stream().filter(s -> SubjectIdentity.KEYCLOAK.equals(s.subjectSource()))
                .map(TepSessions.Session::subjectSession).filter(Objects::nonNull).distinct().toList();
    }

    private static List<String> scopesOf(List<TepSessions.Session> ended) {
        Set<String> all = new LinkedHashSet<>();
        ended.forEach(s -> all.addAll(Arrays.asList(s.scope().trim().split("\\s+"))));
        all.remove("");
        return List.copyOf(all);
    }
}
