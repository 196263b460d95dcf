package dev.tmcp.storage.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.storage.StorageProperties;
import dev.tmcp.storage.crypto.MasterKeys;
import dev.tmcp.storage.crypto.ValueCipher;
import dev.tmcp.storage.namespace.Namespace;
import dev.tmcp.storage.quota.Limits;
import dev.tmcp.test.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Storage on real PostgreSQL: limits at their edges, TTL, conflicts, atomic batches, concurrency, encryption. */
@SpringBootTest(properties = {"tmcp.tep.jwks-uri=http://127.0.0.1:1/unused", "tmcp.storage.purge-interval=1h",
        "tmcp.storage.reencrypt-interval=1h"})
class StorageServiceIT {

    static final String OLD_KEY = base64(1);
    static final String NEW_KEY = base64(2);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.database(registry);
        registry.add("tmcp.storage.master-keys", () -> "v2:" + NEW_KEY + ",v1:" + OLD_KEY);
    }

    @Autowired
    StorageService storage;
    @Autowired
    Maintenance maintenance;
    @Autowired
    DatabaseClient db;

    private static Namespace ns() {
        return new Namespace("ma_app_" + UUID.randomUUID().toString().substring(0, 6), "@u" + UUID.randomUUID().toString().substring(0, 6) + ":test");
    }

    private StorageService.WriteResult put(Namespace ns, String key, String value) {
        return storage.put(ns, new StorageService.Write(key, value, null, null, null)).block();
    }

    private static void assertQuotaExceeded(Runnable write) {
        assertThatThrownBy(write::run).isInstanceOfSatisfying(TmcpException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_QUOTA_EXCEEDED);
            assertThat(e.code().httpStatus()).isEqualTo(413);
            assertThat(e.details()).containsKeys("current_usage_bytes", "quota_bytes");
        });
    }

    @Test
    void namespacesAreIsolated() {
        Namespace alice = ns();
        Namespace bob = new Namespace(alice.clientId(), "@bob:test");
        Namespace otherApp = new Namespace("ma_other", alice.userId());
        put(alice, "cart", "alice's");
        put(bob, "cart", "bob's");
        assertThat(storage.get(alice, "cart").block().value()).isEqualTo("alice's");
        assertThat(storage.get(bob, "cart").block().value()).isEqualTo("bob's");
        assertThat(storage.get(otherApp, "cart").blockOptional()).isEmpty();
    }

    @Test
    void aNulCharacterInAKeyPrefixOrContentTypeIsABadRequestNotADatabaseError() {
        Namespace ns = ns();
        List<Runnable> calls = List.of(
                () -> storage.get(ns, "a\0b").block(),
                () -> storage.delete(ns, "a\0b").block(),
                () -> storage.list(ns, "a\0", "", 10).collectList().block(),
                () -> put(ns, "a\0b", "v"),
                () -> storage.put(ns, new StorageService.Write("k", "v", null, "text/\0plain", null)).block(),
                () -> storage.putAll(ns, List.of(new StorageService.Write("a\0b", "v", null, null, null))).block());
        for (Runnable call : calls) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(TmcpException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
        }
    }

    @Test
    void keyAndValueSizesAtTheirEdges() {
        Namespace ns = ns();
        put(ns, "k".repeat(256), "v");
        assertQuotaExceeded(() -> put(ns, "k".repeat(257), "v"));
        assertQuotaExceeded(() -> put(ns, "é".repeat(129), "v"));
        put(ns, "big", "x".repeat(Limits.MAX_VALUE_BYTES));
        assertQuotaExceeded(() -> put(ns, "bigger", "x".repeat(Limits.MAX_VALUE_BYTES + 1)));
    }

    @Test
    void totalBytesAtTheEdge() {
        Namespace ns = ns();
        String mb = "x".repeat(Limits.MAX_VALUE_BYTES);
        for (int i = 0; i < 10; i++) {
            put(ns, "chunk" + i, mb);
        }
        assertThat(storage.usage(ns).block().bytes()).isEqualTo(Limits.QUOTA_BYTES);
        assertQuotaExceeded(() -> put(ns, "one-more-byte", "x"));
        put(ns, "chunk0", mb.substring(1));
        put(ns, "one-more-byte", "x");
        assertThat(storage.usage(ns).block().bytes()).isEqualTo(Limits.QUOTA_BYTES);
    }

    @Test
    void keyCountAtTheEdge() {
        Namespace ns = ns();
        List<StorageService.Write> writes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            writes.add(new StorageService.Write("k" + i, "v", null, null, null));
        }
        for (int batch = 0; batch < 10; batch++) {
            int offset = batch * 100;
            storage.putAll(ns, writes.stream().map(w -> new StorageService.Write(w.key() + "_" + offset, "v", null, null, null)).toList()).block();
        }
        assertThat(storage.usage(ns).block().keys()).isEqualTo(Limits.QUOTA_KEYS);
        assertQuotaExceeded(() -> put(ns, "key-1001", "v"));
        put(ns, "k0_0", "overwriting an existing key is fine");
    }

    /** Found by the API fuzzer: an over-long content type reached its varchar(100) column as a 500. */
    @Test
    void aContentTypeOverAHundredCharactersIsAnInvalidRequest() {
        Namespace ns = ns();
        assertThatThrownBy(() -> storage.put(ns, new StorageService.Write("ct", "v", null, "é".repeat(101), null)).block())
                .isInstanceOfSatisfying(TmcpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
        storage.put(ns, new StorageService.Write("ct", "v", null, "é".repeat(100), null)).block();
    }

    @Test
    void expiredKeysVanishAtOnceAndArePurged() {
        Namespace ns = ns();
        assertThatThrownBy(() -> storage.put(ns, new StorageService.Write("t", "v", 59, null, null)).block())
                .isInstanceOfSatisfying(TmcpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
        assertThatThrownBy(() -> storage.put(ns, new StorageService.Write("t", "v", 2_592_001, null, null)).block())
                .isInstanceOf(TmcpException.class);
        storage.put(ns, new StorageService.Write("session", "token-ish", 60, null, null)).block();
        storage.put(ns, new StorageService.Write("longer", "stays", 2_592_000, null, null)).block();
        assertThat(storage.get(ns, "session").block()).isNotNull();

        expireNow(ns, "session");
        assertThat(storage.get(ns, "session").blockOptional()).isEmpty();
        assertThat(storage.list(ns, "", "", 10).map(Entry::key).collectList().block()).containsExactly("longer");
        maintenance.purgeExpired().block();
        assertThat(storage.usage(ns).block().keys()).isEqualTo(1);
        assertThat(db.sql("select count(*) from storage_entry where client_id = :c and user_id = :u")
                .bind("c", ns.clientId()).bind("u", ns.userId()).map(r -> r.get(0, Long.class)).one().block()).isEqualTo(1);
    }

    @Test
    void olderOfflineWritesLoseToNewerServerValues() {
        Namespace ns = ns();
        storage.put(ns, new StorageService.Write("cart", "server", null, null, 2_000L)).block();

        StorageService.WriteResult stale = storage.put(ns, new StorageService.Write("cart", "offline", null, null, 1_000L)).block();
        assertThat(stale.conflict()).isTrue();
        assertThat(stale.entry().value()).isEqualTo("server");

        StorageService.WriteResult newer = storage.put(ns, new StorageService.Write("cart", "newest", null, null, 3_000L)).block();
        assertThat(newer.conflict()).isFalse();
        assertThat(storage.get(ns, "cart").block().value()).isEqualTo("newest");
    }

    @Test
    void aBatchIsWrittenWholeOrNotAtAll() {
        Namespace ns = ns();
        List<StorageService.Write> badItem = List.of(new StorageService.Write("a", "1", null, null, null),
                new StorageService.Write("b", "x".repeat(Limits.MAX_VALUE_BYTES + 1), null, null, null),
                new StorageService.Write("c", "3", null, null, null));
        assertQuotaExceeded(() -> storage.putAll(ns, badItem).block());

        put(ns, "existing", "x".repeat(Limits.MAX_VALUE_BYTES));
        String mb = "y".repeat(Limits.MAX_VALUE_BYTES);
        List<StorageService.Write> tooMuch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tooMuch.add(new StorageService.Write("chunk" + i, mb, null, null, null));
        }
        assertQuotaExceeded(() -> storage.putAll(ns, tooMuch).block());

        assertThat(storage.list(ns, "", "", 100).map(Entry::key).collectList().block()).containsExactly("existing");
        assertThat(storage.usage(ns).block().bytes()).isEqualTo(Limits.MAX_VALUE_BYTES);
    }

    @Test
    void concurrentWritersNeverExceedTheQuota() {
        Namespace ns = ns();
        String value = "z".repeat(600 * 1024);
        List<Boolean> outcomes = Flux.range(0, 24)
                .flatMap(i -> storage.put(ns, new StorageService.Write("k" + i, value, null, null, null))
                        .thenReturn(true)
                        .onErrorResume(TmcpException.class, e -> Mono.just(false)), 8)
                .collectList().block();

        long written = outcomes.stream().filter(ok -> ok).count();
        assertThat(written).isEqualTo(Limits.QUOTA_BYTES / value.length());
        Long actual = db.sql("select coalesce(sum(size_bytes), 0) from storage_entry where client_id = :c and user_id = :u")
                .bind("c", ns.clientId()).bind("u", ns.userId()).map(r -> r.get(0, Long.class)).one().block();
        assertThat(storage.usage(ns).block().bytes()).isEqualTo(actual).isLessThanOrEqualTo(Limits.QUOTA_BYTES);
    }

    @Test
    void valuesAreEncryptedAtRestAndSurviveAMasterKeyRotation() {
        Namespace ns = ns();
        put(ns, "secret", "plain words nobody may read");
        String raw = db.sql("select encode(value_ciphertext, 'escape') || coalesce(entry_value, '') from storage_entry "
                        + "where client_id = :c and user_id = :u")
                .bind("c", ns.clientId()).bind("u", ns.userId()).map(r -> r.get(0, String.class)).one().block();
        assertThat(raw).doesNotContain("plain words");

        // Values written while only v1 existed: readable now, moved to v2 by the background job.
        ValueCipher v1 = new ValueCipher(new MasterKeys(new StorageProperties("v1:" + OLD_KEY, Duration.ZERO, Duration.ZERO)));
        for (int i = 0; i < 30; i++) {
            insertSealed(ns, "old" + i, v1.encrypt(ns, "old" + i, "value " + i), 1);
        }
        Flux<String> readsDuringRotation = Flux.range(0, 30).flatMap(i -> storage.get(ns, "old" + i).map(Entry::value));
        Mono<Long> rotation = maintenance.reencryptBatch();
        List<String> seen = Flux.merge(readsDuringRotation, rotation.thenMany(Flux.empty())).collectList().block();
        put(ns, "written-during-rotation", "fine");

        assertThat(seen).hasSize(30).allSatisfy(v -> assertThat(v).startsWith("value "));
        assertThat(db.sql("select count(*) from storage_entry where key_version <> 2").map(r -> r.get(0, Long.class)).one().block())
                .isZero();
        assertThat(storage.get(ns, "old7").block().value()).isEqualTo("value 7");
    }

    private void insertSealed(Namespace ns, String key, byte[] ciphertext, int version) {
        db.sql("insert into storage_entry (client_id, user_id, entry_key, value_ciphertext, key_version, size_bytes) "
                        + "values (:c, :u, :k, :v, :kv, 7)")
                .bind("c", ns.clientId()).bind("u", ns.userId()).bind("k", key).bind("v", ciphertext).bind("kv", version)
                .fetch().rowsUpdated().block();
    }

    private void expireNow(Namespace ns, String key) {
        db.sql("update storage_entry set expires_at = now() - interval '1 second' where client_id = :c and user_id = :u and entry_key = :k")
                .bind("c", ns.clientId()).bind("u", ns.userId()).bind("k", key).fetch().rowsUpdated().block();
    }

    private static String base64(int seed) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) seed);
        return Base64.getEncoder().encodeToString(key);
    }

}
