package dev.tmcp.storage.kv;

import dev.tmcp.storage.namespace.Namespace;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Rows of one namespace. Expired rows are invisible to every read. */
@Repository
class StorageEntries {

    private static final String LIVE = "(expires_at is null or expires_at > now())";
    private static final String COLUMNS = "entry_key, value_ciphertext, entry_value, key_version, content_type, "
            + "size_bytes, coalesce(client_timestamp, 0) as client_timestamp, created_at, updated_at";

    private final DatabaseClient db;

    StorageEntries(DatabaseClient db) {
        this.db = db;
    }

    Mono<StoredEntry> find(Namespace ns, String key) {
        return db.sql("select " + COLUMNS + " from storage_entry where client_id = :c and user_id = :u and entry_key = :k and " + LIVE)
                .bind("c", ns.clientId()).bind("u", ns.userId()).bind("k", key)
                .map(StorageEntries::map).one();
    }

    Flux<StoredEntry> list(Namespace ns, String prefix, String after, int limit) {
        return db.sql("select " + COLUMNS + " from storage_entry where client_id = :c and user_id = :u and " + LIVE
                        + " and starts_with(entry_key, :prefix) and entry_key > :after order by entry_key collate \"C\" limit :limit")
                .bind("c", ns.clientId()).bind("u", ns.userId()).bind("prefix", prefix).bind("after", after)
                .bind("limit", limit)
                .map(StorageEntries::map).all();
    }

    /** Deletes the namespace's expired rows; emits the bytes and keys they used. */
    Mono<long[]> purgeExpired(Namespace ns) {
        return db.sql("delete from storage_entry where client_id = :c and user_id = :u and expires_at <= now() returning size_bytes")
                .bind("c", ns.clientId()).bind("u", ns.userId())
                .map(r -> r.get("size_bytes", Integer.class))
                .all()
                .reduce(new long[] {0, 0}, (acc, size) -> new long[] {acc[0] + size, acc[1] + 1});
    }


    /** Writes the row; emits its {@code created_at} and {@code updated_at}. */
    Mono<Instant[]> upsert(Namespace ns, String key, byte[] ciphertext, int keyVersion, String contentType, int size,
            Integer ttl, long clientTimestamp) {
        return db.sql("insert into storage_entry (client_id, user_id, entry_key, value_ciphertext, key_version, content_type, "
                        + "size_bytes, expires_at, client_timestamp) values (:c, :u, :k, :v, :kv, :ct, :size, "
                        + "case when :ttl::int is null then null else now() + make_interval(secs => :ttl::int) end, :ts) "
                        + "on conflict (client_id, user_id, entry_key) do update set value_ciphertext = excluded.value_ciphertext, "
                        + "entry_value = null, key_version = excluded.key_version, content_type = excluded.content_type, "
                        + "size_bytes = excluded.size_bytes, expires_at = excluded.expires_at, "
                        + "client_timestamp = excluded.client_timestamp, updated_at = now(), "
                        + "created_at = case when storage_entry.expires_at <= now() then now() else storage_entry.created_at end "
                        + "returning created_at, updated_at")
                .bind("c", ns.clientId()).bind("u", ns.userId()).bind("k", key).bind("v", ciphertext)
                .bind("kv", keyVersion).bind("ct", Parameter.fromOrEmpty(contentType, String.class)).bind("size", size)
                .bind("ttl", Parameter.fromOrEmpty(ttl, Integer.class)).bind("ts", clientTimestamp)
                .map(r -> new Instant[] {instant(r.get("created_at", OffsetDateTime.class)),
                        instant(r.get("updated_at", OffsetDateTime.class))})
                .one();
    }

    /** Deletes a key (live or expired: both count until gone); emits its size, or nothing. */
    Mono<Integer> delete(Namespace ns, String key) {
        return db.sql("delete from storage_entry where client_id = :c and user_id = :u and entry_key = :k returning size_bytes")
                .bind("c", ns.clientId()).bind("u", ns.userId()).bind("k", key)
                .map(r -> r.get("size_bytes", Integer.class))
                .one();
    }

    private static StoredEntry map(Readable r) {
        return new StoredEntry(r.get("entry_key", String.class), toBytes(r.get("value_ciphertext")),
                r.get("entry_value", String.class), r.get("key_version", Integer.class), r.get("content_type", String.class),
                r.get("size_bytes", Integer.class), r.get("client_timestamp", Long.class),
                instant(r.get("created_at", OffsetDateTime.class)), instant(r.get("updated_at", OffsetDateTime.class)));
    }

    static byte[] toBytes(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.nio.ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        }
        return (byte[]) value;
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
