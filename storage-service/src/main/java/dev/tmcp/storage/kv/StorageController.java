package dev.tmcp.storage.kv;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.storage.namespace.Namespace;
import dev.tmcp.storage.quota.Limits;
import dev.tmcp.web.tep.TepPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Spec 10.3: get, set, delete, list, batch get and set, and usage. The namespace comes only from
 * the verified TEP; nothing in the path or body can name another user or mini-app.
 */
@RestController
class StorageController {

    static final int MAX_BATCH = 100;
    static final int MAX_PAGE = 1000;

    private final StorageService storage;

    StorageController(StorageService storage) {
        this.storage = storage;
    }

    record SetRequest(@NotNull String value, Integer ttl, Map<String, Object> metadata, Long clientTimestamp) {
    }

    record BatchGet(@NotNull @Size(min = 1, max = MAX_BATCH) List<String> keys) {
    }

    record BatchItem(@NotNull String key, @NotNull String value, Integer ttl, Map<String, Object> metadata) {
    }

    record BatchSet(@NotNull @Size(min = 1, max = MAX_BATCH) List<@Valid BatchItem> items) {
    }

    /** Stored, or the server's newer value when the client's timestamp lost (spec 10.3.4). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PutResponse(String key, boolean success, Boolean conflictDetected, String resolution, String serverValue,
            String value, Instant createdAt, Instant updatedAt, EntryView.Metadata metadata) {

        static PutResponse stored(EntryView entry) {
            return new PutResponse(entry.key(), true, null, null, null, entry.value(), entry.createdAt(),
                    entry.updatedAt(), entry.metadata());
        }

        static PutResponse conflict(String key, Entry server) {
            return new PutResponse(key, true, true, "server_wins", server.value(), null, null, server.updatedAt(), null);
        }
    }

    record KeySummary(String key, int sizeBytes, Instant updatedAt) {

        static KeySummary of(Entry entry) {
            return new KeySummary(entry.key(), entry.sizeBytes(), entry.updatedAt());
        }
    }

    /** {@code next_cursor} is left out on the last page. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ListResponse(List<KeySummary> keys, String nextCursor) {
    }

    record BatchGetResponse(List<EntryView> items, List<String> notFound) {
    }

    record BatchSetResponse(boolean success, List<EntryView> items) {
    }

    record UsageResponse(long usedBytes, long quotaBytes, int usedKeys, int quotaKeys) {
    }

    @GetMapping("/api/v1/storage/{key}")
    Mono<EntryView> get(TepPrincipal user, @PathVariable String key) {
        user.requireScope("storage:read");
        return storage.get(Namespace.of(user), key).map(Entry::view)
                .switchIfEmpty(Mono.error(new TmcpException(ErrorCode.NOT_FOUND, "No value stored under this key")));
    }

    @PutMapping("/api/v1/storage/{key}")
    Mono<PutResponse> put(TepPrincipal user, @PathVariable String key, @Valid @RequestBody SetRequest request) {
        user.requireScope("storage:write");
        var write = new StorageService.Write(key, request.value(), request.ttl(), contentType(request.metadata()),
                request.clientTimestamp());
        return storage.put(Namespace.of(user), write).map(result -> result.conflict()
                ? PutResponse.conflict(key, result.entry())
                : PutResponse.stored(result.entry().view()));
    }

    @DeleteMapping("/api/v1/storage/{key}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(TepPrincipal user, @PathVariable String key) {
        user.requireScope("storage:write");
        return storage.delete(Namespace.of(user), key).then();
    }

    @GetMapping("/api/v1/storage")
    Mono<ListResponse> list(TepPrincipal user, @RequestParam(defaultValue = "") String prefix,
            @RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) String cursor) {
        user.requireScope("storage:read");
        if (limit < 1 || limit > MAX_PAGE) {
            throw new TmcpException(ErrorCode.INVALID_REQUEST, "limit must be between 1 and " + MAX_PAGE);
        }
        String after = cursor == null ? "" : decodeCursor(cursor);
        return storage.list(Namespace.of(user), prefix, after, limit + 1).collectList().map(page -> {
            List<Entry> shown = page.size() > limit ? page.subList(0, limit) : page;
            return new ListResponse(shown.stream().map(KeySummary::of).toList(),
                    page.size() > limit ? encodeCursor(shown.getLast().key()) : null);
        });
    }

    @PostMapping("/api/v1/storage/batch/get")
    Mono<BatchGetResponse> batchGet(TepPrincipal user, @Valid @RequestBody BatchGet request) {
        user.requireScope("storage:read");
        Namespace ns = Namespace.of(user);
        return reactor.core.publisher.Flux.fromIterable(request.keys().stream().distinct().toList())
                .concatMap(key -> storage.get(ns, key).singleOptional().map(found -> Map.entry(key, found)))
                .collectList()
                .map(found -> new BatchGetResponse(
                        found.stream().flatMap(f -> f.getValue().stream()).map(Entry::view).toList(),
                        found.stream().filter(f -> f.getValue().isEmpty()).map(Map.Entry::getKey).toList()));
    }

    @PostMapping("/api/v1/storage/batch/set")
    Mono<BatchSetResponse> batchSet(TepPrincipal user, @Valid @RequestBody BatchSet request) {
        user.requireScope("storage:write");
        List<StorageService.Write> writes = request.items().stream()
                .map(i -> new StorageService.Write(i.key(), i.value(), i.ttl(), contentType(i.metadata()), null))
                .toList();
        return storage.putAll(Namespace.of(user), writes)
                .map(entries -> new BatchSetResponse(true, entries.stream().map(Entry::view).toList()));
    }

    @GetMapping("/api/v1/storage-usage")
    Mono<UsageResponse> usage(TepPrincipal user) {
        user.requireScope("storage:read");
        return storage.usage(Namespace.of(user))
                .map(u -> new UsageResponse(u.bytes(), Limits.QUOTA_BYTES, u.keys(), Limits.QUOTA_KEYS));
    }

    private static String contentType(Map<String, Object> metadata) {
        return metadata != null && metadata.get("content_type") instanceof String c ? c : null;
    }

    private static String encodeCursor(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new TmcpException(ErrorCode.INVALID_REQUEST, "cursor is not one this server gave out");
        }
    }
}
