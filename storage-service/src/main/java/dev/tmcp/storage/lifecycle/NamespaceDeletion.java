package dev.tmcp.storage.lifecycle;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Deletes namespaces with their quota rows, in one transaction each. */
@Component
class NamespaceDeletion {

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    NamespaceDeletion(DatabaseClient db, TransactionalOperator tx) {
        this.db = db;
        this.tx = tx;
    }

    Mono<Void> deleteNamespace(String clientId, String userId) {
        return tx.transactional(db.sql("delete from storage_namespace where client_id = :c and user_id = :u")
                .bind("c", clientId).bind("u", userId).fetch().rowsUpdated()
                .then(db.sql("delete from storage_entry where client_id = :c and user_id = :u")
                        .bind("c", clientId).bind("u", userId).fetch().rowsUpdated())
                .then());
    }

    Mono<Void> deleteUser(String userId) {
        return tx.transactional(db.sql("delete from storage_namespace where user_id = :u")
                .bind("u", userId).fetch().rowsUpdated()
                .then(db.sql("delete from storage_entry where user_id = :u").bind("u", userId).fetch().rowsUpdated())
                .then());
    }
}
