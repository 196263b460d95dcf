package dev.tmcp.auth.developer;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The developer whitelist (spec 4.4.8, 4.4.9): Matrix user ids allowed to obtain developer tokens. */
@Component
class Whitelist {

    private final DatabaseClient db;

    Whitelist(DatabaseClient db) {
        this.db = db;
    }

    record Entry(String matrixUserId, String note, String addedBy, Instant addedAt) {
    }

    Flux<Entry> all() {
        return db.sql("select * from developer_whitelist order by added_at, matrix_user_id")
                .map((row, meta) -> new Entry(row.get("matrix_user_id", String.class), row.get("note", String.class),
                        row.get("added_by", String.class), row.get("added_at", OffsetDateTime.class).toInstant()))
                .all();
    }

    Mono<Boolean> contains(String matrixUserId) {
        return db.sql("select 1 from developer_whitelist where matrix_user_id = :id").bind("id", matrixUserId)
                .map((row, meta) -> true).one().defaultIfEmpty(false);
    }

    /** Adds the user (or updates the note); answers the entry. */
    Mono<Entry> add(String matrixUserId, String note, String addedBy) {
        return db.sql("insert into developer_whitelist (matrix_user_id, note, added_by) values (:id, :note, :by) "
                        + "on conflict (matrix_user_id) do update set note = excluded.note returning *")
                .bind("id", matrixUserId)
                .bind("note", io.r2dbc.spi.Parameters.in(io.r2dbc.spi.R2dbcType.VARCHAR, note))
                .bind("by", addedBy)
                .map((row, meta) -> new Entry(row.get("matrix_user_id", String.class), row.get("note", String.class),
                        row.get("added_by", String.class), row.get("added_at", OffsetDateTime.class).toInstant()))
                .one();
    }

    /** Removes the user; answers whether they were whitelisted. */
    Mono<Boolean> remove(String matrixUserId) {
        return db.sql("delete from developer_whitelist where matrix_user_id = :id").bind("id", matrixUserId)
                .fetch().rowsUpdated().map(n -> n > 0);
    }
}
