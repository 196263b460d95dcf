package dev.tmcp.storage.quota;

import dev.tmcp.storage.namespace.Namespace;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The quota row of a namespace. {@link #lock} is the first statement of every write transaction:
 * writers to one namespace queue on this row, so counters stay exact under concurrency.
 */
@Repository
public class NamespaceUsage {

    private final DatabaseClient db;

    NamespaceUsage(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Usage> lock(Namespace ns) {
        return db.sql("insert into storage_namespace (client_id, user_id) values (:c, :u) on conflict do nothing")
                .bind("c", ns.clientId()).bind("u", ns.userId())
                .fetch().rowsUpdated()
                .then(db.sql("select bytes_used, keys_used from storage_namespace where client_id = :c and user_id = :u for update")
                        .bind("c", ns.clientId()).bind("u", ns.userId())
                        .map(r -> new Usage(r.get("bytes_used", Long.class), r.get("keys_used", Integer.class)))
                        .one());
    }

    public Mono<Usage> read(Namespace ns) {
        return db.sql("select bytes_used, keys_used from storage_namespace where client_id = :c and user_id = :u")
                .bind("c", ns.clientId()).bind("u", ns.userId())
                .map(r -> new Usage(r.get("bytes_used", Long.class), r.get("keys_used", Integer.class)))
                .one()
                .defaultIfEmpty(new Usage(0, 0));
    }

    public Mono<Void> store(Namespace ns, Usage usage) {
        return db.sql("update storage_namespace set bytes_used = :b, keys_used = :k where client_id = :c and user_id = :u")
                .bind("b", usage.bytes()).bind("k", usage.keys()).bind("c", ns.clientId()).bind("u", ns.userId())
                .fetch().rowsUpdated().then();
    }
}
