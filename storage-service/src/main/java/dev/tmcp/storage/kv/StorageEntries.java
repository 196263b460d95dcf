package dev.tmcp.storage.kv;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
class StorageEntries {

    private final DatabaseClient db;

    StorageEntries(DatabaseClient db) {
        this.db = db;
    }

    Mono<Map<String, Object>> get(String clientId, String userId, String key) {
        return db.sql("select * from storage_entry where client_id = :c and user_id = :u and entry_key = :k "
                        + "and (expires_at is null or expires_at > now())")
                .bind("c", clientId).bind("u", userId).bind("k", key)
                .map(StorageEntries::view).one();
    }

    Mono<Map<String, Object>> put(String clientId, String userId, String key, String value, String contentType,
            int size, Integer ttl) {
        return db.sql("insert into storage_entry (client_id, user_id, entry_key, entry_value, content_type, size_bytes, "
                        + "expires_at) values (:c, :u, :k, :v, :ct, :size, case when :ttl::int is null then null "
                        + "else now() + make_interval(secs => :ttl::int) end) "
                        + "on conflict (client_id, user_id, entry_key) do update set entry_value = excluded.entry_value, "
                        + "content_type = excluded.content_type, size_bytes = excluded.size_bytes, "
                        + "expires_at = excluded.expires_at, updated_at = now() returning *")
                .bind("c", clientId).bind("u", userId).bind("k", key).bind("v", value)
                .bind("ct", Parameter.fromOrEmpty(contentType, String.class)).bind("size", size)
                .bind("ttl", Parameter.fromOrEmpty(ttl, Integer.class))
                .map(StorageEntries::view).one();
    }

    Mono<Void> delete(String clientId, String userId, String key) {
        return db.sql("delete from storage_entry where client_id = :c and user_id = :u and entry_key = :k")
                .bind("c", clientId).bind("u", userId).bind("k", key)
                .fetch().rowsUpdated().then();
    }

    private static Map<String, Object> view(Readable r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", r.get("entry_key", String.class));
        body.put("value", r.get("entry_value", String.class));
        body.put("created_at", r.get("created_at", OffsetDateTime.class).toInstant().toString());
        body.put("updated_at", r.get("updated_at", OffsetDateTime.class).toInstant().toString());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("size_bytes", r.get("size_bytes", Integer.class));
        String contentType = r.get("content_type", String.class);
        if (contentType != null) {
            metadata.put("content_type", contentType);
        }
        body.put("metadata", metadata);
        return body;
    }
}
