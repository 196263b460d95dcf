package dev.tmcp.storage.kv;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.storage.crypto.ValueCipher;
import dev.tmcp.storage.namespace.Namespace;
import dev.tmcp.storage.quota.Limits;
import dev.tmcp.storage.quota.NamespaceUsage;
import dev.tmcp.storage.quota.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Key-value storage of one (mini-app, user) namespace (spec 10.3). Every write locks the
 * namespace's quota row first, drops expired keys, and checks the limits on the totals after the
 * write, all in one transaction: quotas stay exact under concurrent writers, and a batch is
 * written whole or not at all.
 */
@Service
class StorageService {

    private final StorageEntries entries;
    private final NamespaceUsage usage;
    private final ValueCipher cipher;
    private final TransactionalOperator tx;

    StorageService(StorageEntries entries, NamespaceUsage usage, ValueCipher cipher, TransactionalOperator tx) {
        this.entries = entries;
        this.usage = usage;
        this.cipher = cipher;
        this.tx = tx;
    }

    record Write(String key, String value, Integer ttl, String contentType, Long clientTimestamp) {
    }

    /** The outcome of a write: the stored entry, or the newer server entry that won a conflict. */
    record WriteResult(Entry entry, boolean conflict) {
    }

    Mono<Entry> get(Namespace ns, String key) {
        Limits.checkText("key", key);
        return entries.find(ns, key).map(stored -> open(ns, stored));
    }

    Flux<Entry> list(Namespace ns, String prefix, String after, int limit) {
        Limits.checkText("prefix", prefix);
        Limits.checkText("cursor", after);
        return entries.list(ns, prefix, after, limit).map(stored -> open(ns, stored));
    }

    Mono<Usage> usage(Namespace ns) {
        return usage.read(ns);
    }

    Mono<WriteResult> put(Namespace ns, Write write) {
        Limits.checkItem(write.key(), write.value(), write.ttl(), null);
        Limits.checkContentType(write.contentType());
        return tx.transactional(lockAndPurge(ns).flatMap(before -> apply(ns, write, before)
                .flatMap(outcome -> {
                    Limits.checkTotals(before, outcome.usage());
                    return usage.store(ns, outcome.usage()).thenReturn(new WriteResult(outcome.entry(), outcome.conflict()));
                })));
    }

    /** Writes every item or none; the quota is checked on the totals of the whole batch. */
    Mono<List<Entry>> putAll(Namespace ns, List<Write> writes) {
        writes.forEach(w -> {
            Limits.checkItem(w.key(), w.value(), w.ttl(), null);
            Limits.checkContentType(w.contentType());
        });
        if (writes.stream().map(Write::key).distinct().count() != writes.size()) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "a batch names each key once"));
        }
        return Mono.defer(() -> {
            List<Entry> written = new ArrayList<>();
            return tx.transactional(lockAndPurge(ns).flatMap(before -> Flux.fromIterable(writes)
                    .reduce(Mono.just(before), (current, write) -> current.flatMap(u -> apply(ns, write, u)
                            .doOnNext(outcome -> written.add(outcome.entry()))
                            .map(Outcome::usage)))
                    .flatMap(total -> total)
                    .flatMap(after -> {
                        Limits.checkTotals(before, after);
                        return usage.store(ns, after);
                    })
                    .then(Mono.fromSupplier(() -> List.copyOf(written)))));
        });
    }

    Mono<Boolean> delete(Namespace ns, String key) {
        Limits.checkText("key", key);
        return tx.transactional(lockAndPurge(ns).flatMap(before -> entries.delete(ns, key)
                .flatMap(size -> usage.store(ns, before.minus(size, 1)).thenReturn(true))
                .defaultIfEmpty(false)));
    }

    private Mono<Usage> lockAndPurge(Namespace ns) {
        return usage.lock(ns).flatMap(locked -> entries.purgeExpired(ns)
                .map(gone -> locked.minus(gone[0], (int) gone[1])));
    }

    /** The usage after a write and the entry now stored (the server's, when it won a conflict). */
    private record Outcome(Usage usage, boolean conflict, Entry entry) {
    }

    private Mono<Outcome> apply(Namespace ns, Write write, Usage before) {
        int size = Limits.valueBytes(write.value());
        long stamp = write.clientTimestamp() != null ? write.clientTimestamp() : Instant.now().getEpochSecond();
        return entries.find(ns, write.key())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(found -> {
                    StoredEntry existing = found.orElse(null);
                    if (existing != null && write.clientTimestamp() != null && existing.clientTimestamp() > stamp) {
                        return Mono.just(new Outcome(before, true, open(ns, existing)));
                    }
                    Usage after = existing == null ? before.plus(size, 1) : before.plus(size - existing.sizeBytes(), 0);
                    return entries.upsert(ns, write.key(), cipher.encrypt(ns, write.key(), write.value()),
                                    cipher.currentVersion(), write.contentType(), size, write.ttl(), stamp)
                            .map(times -> new Outcome(after, false,
                                    new Entry(write.key(), write.value(), write.contentType(), size, times[0], times[1])));
                });
    }

    private Entry open(Namespace ns, StoredEntry stored) {
        String value = stored.keyVersion() == 0
                ? stored.legacyPlaintext()
                : cipher.decrypt(ns, stored.key(), stored.ciphertext(), stored.keyVersion());
        return new Entry(stored.key(), value, stored.contentType(), stored.sizeBytes(), stored.createdAt(), stored.updatedAt());
    }
}
