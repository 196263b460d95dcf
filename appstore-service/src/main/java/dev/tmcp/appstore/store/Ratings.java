package dev.tmcp.appstore.store;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Ratings and reviews (spec 16.6.1, decision 0049): one per user and app, editable, only by a user
 * who has the app installed. The app's rating count and sum change in the same transaction, under a
 * lock on that user's rating of that app, so two edits at once cannot count twice.
 */
@Service
class Ratings {

    static final int MAX_REVIEW = 2000;

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    Ratings(DatabaseClient db, TransactionalOperator tx) {
        this.db = db;
        this.tx = tx;
    }

    record Rating(String miniappId, String userId, int rating, String review, Instant updatedAt) {
    }

    record Page(String miniappId, List<Rating> reviews, long total) {
    }

    Mono<Rating> rate(String miniappId, String userId, Integer rating, String review) {
        if (rating == null || rating < 1 || rating > 5) {
            return Mono.error(invalid("rating must be an integer from 1 to 5"));
        }
        String text = review == null || review.isBlank() ? null : review.strip();
        if (text != null && text.length() > MAX_REVIEW) {
            return Mono.error(invalid("review is at most " + MAX_REVIEW + " characters"));
        }
        return tx.transactional(lock(miniappId, userId)
                .then(requireInstalled(miniappId, userId))
                .then(previous(miniappId, userId))
                .flatMap(old -> db.sql("insert into app_rating (client_id, user_id, rating, review) values (:c, :u, :r, :t) "
                                + "on conflict (client_id, user_id) do update set rating = excluded.rating, "
                                + "review = excluded.review, updated_at = now() returning updated_at")
                        .bind("c", miniappId).bind("u", userId).bind("r", rating.shortValue())
                        .bind("t", io.r2dbc.spi.Parameters.in(io.r2dbc.spi.R2dbcType.VARCHAR, text))
                        .map((r, m) -> r.get("updated_at", OffsetDateTime.class).toInstant())
                        .one()
                        .flatMap(at -> db.sql("update mini_app set rating_sum = rating_sum + :delta, "
                                        + "rating_count = rating_count + :added where client_id = :c")
                                .bind("delta", (long) rating - old).bind("added", old == 0 ? 1 : 0).bind("c", miniappId)
                                .then()
                                .thenReturn(new Rating(miniappId, userId, rating, text, at)))));
    }

    Mono<Void> remove(String miniappId, String userId) {
        return tx.transactional(lock(miniappId, userId)
                .then(db.sql("delete from app_rating where client_id = :c and user_id = :u returning rating")
                        .bind("c", miniappId).bind("u", userId)
                        .map((r, m) -> r.get("rating", Short.class).intValue())
                        .one()
                        .flatMap(old -> db.sql("update mini_app set rating_sum = rating_sum - :old, "
                                        + "rating_count = rating_count - 1 where client_id = :c")
                                .bind("old", (long) old).bind("c", miniappId).then())));
    }

    Mono<Rating> own(String miniappId, String userId) {
        return db.sql("select * from app_rating where client_id = :c and user_id = :u").bind("c", miniappId).bind("u", userId)
                .map((r, m) -> rating(r))
                .one();
    }

    /** Newest first, reviews with text only. */
    Mono<Page> reviews(String miniappId, int limit, int offset) {
        Mono<List<Rating>> page = db.sql("select * from app_rating where client_id = :c and review is not null "
                        + "order by updated_at desc, user_id limit :limit offset :offset")
                .bind("c", miniappId).bind("limit", limit).bind("offset", offset)
                .map((r, m) -> rating(r))
                .all().collectList();
        Mono<Long> total = db.sql("select count(*) as n from app_rating where client_id = :c and review is not null")
                .bind("c", miniappId).map((r, m) -> r.get("n", Long.class)).one();
        return Mono.zip(page, total).map(t -> new Page(miniappId, t.getT1(), t.getT2()));
    }

    private static Rating rating(io.r2dbc.spi.Readable r) {
        return new Rating(r.get("client_id", String.class), r.get("user_id", String.class), r.get("rating", Short.class),
                r.get("review", String.class), r.get("updated_at", OffsetDateTime.class).toInstant());
    }

    private Mono<Void> lock(String miniappId, String userId) {
        return db.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))").bind("key", "rating:" + miniappId + ":" + userId)
                .map((r, m) -> 1).first().then();
    }

    private Mono<Void> requireInstalled(String miniappId, String userId) {
        return db.sql("select 1 from installation i join mini_app m on m.client_id = i.client_id "
                        + "where i.client_id = :c and i.user_id = :u and m.status = 'active'")
                .bind("c", miniappId).bind("u", userId)
                .map((r, m) -> true).one()
                .switchIfEmpty(Mono.error(() -> new TmcpException(ErrorCode.INSUFFICIENT_PERMISSIONS,
                        "Only a user who has installed the app rates it")))
                .then();
    }

    /** The user's current rating, 0 when none. */
    private Mono<Integer> previous(String miniappId, String userId) {
        return db.sql("select rating from app_rating where client_id = :c and user_id = :u")
                .bind("c", miniappId).bind("u", userId)
                .map((r, m) -> r.get("rating", Short.class).intValue())
                .one().defaultIfEmpty(0);
    }

    private static TmcpException invalid(String message) {
        return new TmcpException(ErrorCode.INVALID_REQUEST, message);
    }
}
