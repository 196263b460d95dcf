package dev.tmcp.storage.kv;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.web.tep.TepPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Spec 10.3.2 get/set/delete. The namespace (mini-app, user) comes only from the verified TEP.
 * Quotas, TTL purge, batches, conflicts and encryption at rest are the storage issue's work.
 */
@RestController
class StorageController {

    static final int MAX_KEY_BYTES = 256;
    static final int MAX_VALUE_BYTES = 1024 * 1024;

    private final StorageEntries entries;

    StorageController(StorageEntries entries) {
        this.entries = entries;
    }

    record SetRequest(@NotNull String value, Integer ttl, Map<String, Object> metadata) {
    }

    @GetMapping("/api/v1/storage/{key}")
    Mono<Map<String, Object>> get(TepPrincipal user, @PathVariable String key) {
        user.requireScope("storage:read");
        checkKey(key);
        return entries.get(user.clientId(), user.userId().value(), key)
                .switchIfEmpty(Mono.error(new TmcpException(ErrorCode.NOT_FOUND, "No value stored under this key")));
    }

    @PutMapping("/api/v1/storage/{key}")
    Mono<Map<String, Object>> put(TepPrincipal user, @PathVariable String key, @Valid @RequestBody SetRequest request) {
        user.requireScope("storage:write");
        checkKey(key);
        int size = request.value().getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_VALUE_BYTES) {
            throw new TmcpException(ErrorCode.STORAGE_QUOTA_EXCEEDED, "Value exceeds 1 MB",
                    Map.of("value_size_bytes", size, "max_value_bytes", MAX_VALUE_BYTES));
        }
        if (request.ttl() != null && (request.ttl() < 60 || request.ttl() > 2_592_000)) {
            throw new TmcpException(ErrorCode.INVALID_REQUEST, "ttl must be between 60 and 2592000 seconds");
        }
        String contentType = request.metadata() != null && request.metadata().get("content_type") instanceof String c ? c : null;
        return entries.put(user.clientId(), user.userId().value(), key, request.value(), contentType, size, request.ttl());
    }

    @DeleteMapping("/api/v1/storage/{key}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(TepPrincipal user, @PathVariable String key) {
        user.requireScope("storage:write");
        checkKey(key);
        return entries.delete(user.clientId(), user.userId().value(), key);
    }

    private static void checkKey(String key) {
        if (key.isEmpty() || key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new TmcpException(ErrorCode.INVALID_REQUEST, "key must be 1 to 256 bytes of UTF-8");
        }
    }
}
