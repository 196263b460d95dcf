package dev.tmcp.auth.consent;

import dev.tmcp.auth.AuthProperties;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The user's approvals of sensitive scopes per mini-app (spec 5.5 step 3), and the pending consent
 * requests behind each {@code consent_ui_endpoint}. A consent id is unguessable, short-lived and
 * single-use, but it only names the request: deciding it takes the user's own credential
 * (decision 0025), since the mini-app that asked may know the id too.
 */
@Component
public class Consents {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final AuthProperties properties;

    Consents(DatabaseClient db, TransactionalOperator tx, AuthProperties properties) {
        this.db = db;
        this.tx = tx;
        this.properties = properties;
    }

    /** A pending consent, as the consent page shows it. */
    public record Request(String consentId, String userId, String clientId, List<String> scopes,
            List<String> granted) {
    }

    public Mono<Set<String>> approved(String userId, String clientId) {
        return db.sql("select scope from scope_approval where user_id = :user and client_id = :client")
                .bind("user", userId).bind("client", clientId)
                .map((row, meta) -> row.get("scope", String.class))
                .all().collect(HashSet::new, Set::add);
    }

    /** Opens a consent request; answers its id. */
    public Mono<String> open(String userId, String clientId, List<String> scopes, List<String> granted) {
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        String id = "cns_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return db.sql("insert into consent_request (consent_id, user_id, client_id, scopes, granted, expires_at) "
                        + "values (:id, :user, :client, :scopes, :granted, :expires)")
                .bind("id", id).bind("user", userId).bind("client", clientId)
                .bind("scopes", String.join(" ", scopes)).bind("granted", String.join(" ", granted))
                .bind("expires", Instant.now().plus(properties.consentLifetime()).atOffset(ZoneOffset.UTC))
                .then().thenReturn(id);
    }

    /** A consent request still waiting for the user, if any. */
    public Mono<Request> pending(String consentId) {
        return db.sql("select * from consent_request where consent_id = :id and decided_at is null and expires_at > now()")
                .bind("id", consentId)
                .map((row, meta) -> request(row))
                .one();
    }

    /**
     * Records the decision of {@code userId} once; approving persists the scopes for this user and
     * mini-app. Empty when the session is unknown, expired, decided, or another user's.
     */
    public Mono<Request> decide(String consentId, String userId, boolean approve) {
        Mono<Request> decided = db.sql("update consent_request set decided_at = now(), decision = :decision "
                        + "where consent_id = :id and user_id = :user and decided_at is null and expires_at > now() "
                        + "returning consent_id, user_id, client_id, scopes, granted")
                .bind("id", consentId).bind("user", userId).bind("decision", approve ? "approved" : "denied")
                .map((row, meta) -> request(row))
                .one();
        return decided.flatMap(request -> approve
                        ? Flux.fromIterable(request.scopes()).concatMap(scope -> db.sql(
                                        "insert into scope_approval (user_id, client_id, scope) values (:user, :client, :scope) "
                                                + "on conflict do nothing")
                                .bind("user", request.userId()).bind("client", request.clientId()).bind("scope", scope)
                                .then()).then(Mono.just(request))
                        : Mono.just(request))
                .as(tx::transactional);
    }

    /** Forgets every approval of a user for a mini-app. */
    public Mono<Void> forget(String userId, String clientId) {
        return db.sql("delete from scope_approval where user_id = :user and client_id = :client")
                .bind("user", userId).bind("client", clientId).then();
    }

    /** Forgets the user's approval of some scopes for a mini-app; answers those that were approved. */
    public Mono<List<String>> forget(String userId, String clientId, List<String> scopes) {
        return db.sql("delete from scope_approval where user_id = :user and client_id = :client and scope = any(:scopes) "
                        + "returning scope")
                .bind("user", userId).bind("client", clientId).bind("scopes", scopes.toArray(String[]::new))
                .map((row, meta) -> row.get("scope", String.class))
                .all().collectList();
    }

    public Mono<Void> forgetUser(String userId) {
        return db.sql("delete from scope_approval where user_id = :user").bind("user", userId).then()
                .then(db.sql("delete from consent_request where user_id = :user").bind("user", userId).then());
    }

    private static Request request(io.r2dbc.spi.Readable row) {
        return new Request(row.get("consent_id", String.class), row.get("user_id", String.class),
                row.get("client_id", String.class), words(row.get("scopes", String.class)),
                words(row.get("granted", String.class)));
    }

    private static List<String> words(String value) {
        return value == null || value.isBlank() ? List.of() : Arrays.asList(value.trim().split("\\s+"));
    }
}
