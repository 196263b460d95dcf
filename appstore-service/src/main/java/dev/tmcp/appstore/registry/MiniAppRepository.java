package dev.tmcp.appstore.registry;

import java.util.Arrays;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class MiniAppRepository {

    private final DatabaseClient db;

    MiniAppRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The app whose client id, or whose hybrid backend client id, is {@code clientId}. */
    Mono<MiniApp> find(String clientId) {
        return db.sql("select client_id, name, client_type, status, redirect_uris, classification, client_secret_hash, "
                        + "backend_client_id, backend_secret_hash from mini_app "
                        + "where client_id = :id or backend_client_id = :id")
                .bind("id", clientId)
                .map((r, m) -> new MiniApp(r.get("client_id", String.class), r.get("name", String.class),
                        r.get("client_type", String.class), r.get("status", String.class),
                        split(r.get("redirect_uris", String.class)), List.of(), r.get("classification", String.class),
                        r.get("client_secret_hash", String.class), r.get("backend_client_id", String.class),
                        r.get("backend_secret_hash", String.class)))
                .one()
                .flatMap(app -> scopes(app.clientId()).map(app::withScopes));
    }

    private Mono<List<MiniApp.RegisteredScope>> scopes(String clientId) {
        return db.sql("select scope, pre_approved from mini_app_scope where client_id = :id order by scope")
                .bind("id", clientId)
                .map((r, m) -> new MiniApp.RegisteredScope(r.get("scope", String.class), Boolean.TRUE.equals(r.get("pre_approved", Boolean.class))))
                .all()
                .collectList();
    }

    Flux<String> activeClientIds() {
        return db.sql("select client_id from mini_app where status = 'active' order by client_id")
                .map((r, m) -> r.get("client_id", String.class)).all();
    }

    /**
     * Inserts the app unless it exists; emits true when this call created it. A seeded official app
     * is the host's own: preinstalled on every platform, mandatory, not removable (16.4).
     */
    Mono<Boolean> insertIfAbsent(MiniApp app) {
        return db.sql("insert into mini_app (client_id, name, client_type, status, redirect_uris, classification, "
                        + "install_mode, removable, preinstall_platforms, display_order) "
                        + "values (:id, :name, :type, :status, :uris, :classification, "
                        + "case when :classification = 'official' then 'mandatory' else 'optional' end, "
                        + ":classification <> 'official', "
                        + "case when :classification = 'official' then 'android ios web desktop' end, "
                        + "case when :classification = 'official' then 1 end) on conflict (client_id) do nothing")
                .bind("id", app.clientId())
                .bind("name", app.name())
                .bind("type", app.clientType())
                .bind("status", app.status())
                .bind("uris", String.join(" ", app.redirectUris()))
                .bind("classification", app.classification())
                .fetch()
                .rowsUpdated()
                .flatMap(count -> count == 0
                        ? Mono.just(false)
                        : Flux.fromIterable(app.scopes()).concatMap(s -> insertScope(app.clientId(), s)).then(Mono.just(true)));
    }

    /** Adds the scopes the app lacks (the seeded demo app follows its configuration). */
    Mono<Void> addMissingScopes(MiniApp app) {
        return Flux.fromIterable(app.scopes())
                .concatMap(scope -> db.sql("insert into mini_app_scope (client_id, scope, pre_approved) "
                                + "values (:id, :scope, :pre) on conflict (client_id, scope) do nothing")
                        .bind("id", app.clientId()).bind("scope", scope.scope()).bind("pre", scope.preApproved())
                        .fetch().rowsUpdated())
                .then();
    }

    /** Sets a seeded app's entry URL where it differs. */
    Mono<Void> setEntryUrl(String clientId, String entryUrl) {
        return db.sql("update mini_app set entry_url = :u where client_id = :c and entry_url is distinct from :u")
                .bind("u", entryUrl).bind("c", clientId)
                .fetch().rowsUpdated().then();
    }

    Mono<Long> insertScope(String clientId, MiniApp.RegisteredScope scope) {
        return db.sql("insert into mini_app_scope (client_id, scope, pre_approved) values (:id, :scope, :pre)")
                .bind("id", clientId)
                .bind("scope", scope.scope())
                .bind("pre", scope.preApproved())
                .fetch()
                .rowsUpdated();
    }

    private static List<String> split(String value) {
        return value == null || value.isBlank() ? List.of() : Arrays.asList(value.trim().split("\\s+"));
    }
}
