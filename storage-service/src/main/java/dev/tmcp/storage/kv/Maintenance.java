package dev.tmcp.storage.kv;

import dev.tmcp.storage.StorageProperties;
import dev.tmcp.storage.crypto.ValueCipher;
import dev.tmcp.storage.namespace.Namespace;
import dev.tmcp.storage.quota.NamespaceUsage;
import dev.tmcp.web.jobs.PeriodicJobs;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Background work: deletes expired keys (they are invisible from the moment they expire; this
 * gives back their quota), and re-encrypts values sealed under an older master key in small
 * batches, so a master key rotates without downtime while reads and writes go on. Rows are taken
 * with SKIP LOCKED, so replicas share the work.
 */
@Component
class Maintenance extends PeriodicJobs {

    private static final int BATCH = 200;

    private final DatabaseClient db;
    private final StorageEntries entries;
    private final NamespaceUsage usage;
    private final ValueCipher cipher;
    private final TransactionalOperator tx;
    private final StorageProperties properties;

    Maintenance(DatabaseClient db, StorageEntries entries, NamespaceUsage usage, ValueCipher cipher,
            TransactionalOperator tx, StorageProperties properties) {
        super("storage");
        this.db = db;
        this.entries = entries;
        this.usage = usage;
        this.cipher = cipher;
        this.tx = tx;
        this.properties = properties;
    }

    @Override
    protected List<Job> jobs() {
        return List.of(new Job("purge", properties.purgeInterval(), this::purgeExpired),
                new Job("re-encryption", properties.reencryptInterval(), this::reencryptBatch));
    }

    /** Purges every namespace that has expired keys; emits how many namespaces. */
    Mono<Long> purgeExpired() {
        return db.sql("select distinct client_id, user_id from storage_entry where expires_at <= now() limit 100")
                .map(r -> new Namespace(r.get("client_id", String.class), r.get("user_id", String.class)))
                .all()
                .concatMap(ns -> tx.transactional(usage.lock(ns).flatMap(locked -> entries.purgeExpired(ns)
                        .flatMap(gone -> usage.store(ns, locked.minus(gone[0], (int) gone[1]))))).thenReturn(ns))
                .count();
    }

    /** Re-encrypts one batch of values not under the current master key; emits how many. */
    Mono<Long> reencryptBatch() {
        int current = cipher.currentVersion();
        return tx.transactional(db.sql("select client_id, user_id, entry_key, value_ciphertext, entry_value, key_version "
                        + "from storage_entry where key_version <> :current limit " + BATCH + " for update skip locked")
                .bind("current", current)
                .map(r -> new SealedRow(new Namespace(r.get("client_id", String.class), r.get("user_id", String.class)),
                        r.get("entry_key", String.class), StorageEntries.toBytes(r.get("value_ciphertext")),
                        r.get("entry_value", String.class), r.get("key_version", Integer.class)))
                .all()
                .concatMap(row -> {
                    String value = row.version() == 0
                            ? row.legacyPlaintext()
                            : cipher.decrypt(row.ns(), row.key(), row.ciphertext(), row.version());
                    return db.sql("update storage_entry set value_ciphertext = :v, entry_value = null, key_version = :kv "
                                    + "where client_id = :c and user_id = :u and entry_key = :k")
                            .bind("v", cipher.encrypt(row.ns(), row.key(), value)).bind("kv", current)
                            .bind("c", row.ns().clientId()).bind("u", row.ns().userId()).bind("k", row.key())
                            .fetch().rowsUpdated();
                })
                .count());
    }

    private record SealedRow(Namespace ns, String key, byte[] ciphertext, String legacyPlaintext, int version) {
    }
}
