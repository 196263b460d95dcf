package dev.tmcp.web.idempotency;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * The one idempotency step of every money flow (P2P, gifts, payment requests, refunds, ledger
 * movements, holds, withdrawals): what was stored under a key is answered again when the request
 * is the same, a different request under the same key is {@code 409 DUPLICATE_TRANSACTION}, and
 * only a key never seen creates anything. Two concurrent first requests must not both create:
 * either the caller holds a lock, or the create is an insert that does nothing on conflict and the
 * row is read back ({@link #insertOrReplay}).
 */
public final class Idempotent {

    private Idempotent() {
    }

    /**
     * {@code stored} (empty when the key is new) replayed when {@code sameRequest} holds, else 409
     * with {@code conflict} as the message; {@code create} only when nothing is stored.
     */
    public static <T> Mono<T> replayOrCreate(Mono<T> stored, Predicate<? super T> sameRequest, String conflict,
            Supplier<Mono<T>> create) {
        return stored.flatMap(existing -> replay(existing, sameRequest, conflict))
                .switchIfEmpty(Mono.defer(create));
    }

    /**
     * Runs {@code insert} (which does nothing when the key is taken), then reads the row that holds
     * the key — this request's or an earlier one's — and replays it as {@link #replayOrCreate} does.
     */
    public static <T> Mono<T> insertOrReplay(Mono<?> insert, Mono<T> stored, Predicate<? super T> sameRequest,
            String conflict) {
        return insert.then(stored).flatMap(existing -> replay(existing, sameRequest, conflict));
    }

    /** {@code stored} replayed when {@code sameRequest} holds, else 409 with {@code conflict} as the message. */
    public static <T> Mono<T> replay(Mono<T> stored, Predicate<? super T> sameRequest, String conflict) {
        return stored.flatMap(existing -> replay(existing, sameRequest, conflict));
    }

    private static <T> Mono<T> replay(T existing, Predicate<? super T> sameRequest, String conflict) {
        return sameRequest.test(existing) ? Mono.just(existing)
                : Mono.error(new TmcpException(ErrorCode.DUPLICATE_TRANSACTION, conflict));
    }
}
