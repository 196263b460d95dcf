package dev.tmcp.bridge.appservice;

import dev.tmcp.bridge.BridgeProperties;
import dev.tmcp.bridge.homeserver.MatrixApi;
import dev.tmcp.bridge.outgoing.BridgeUsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The Application Service API the homeserver calls (Matrix AS API v1.15). Every call carries the
 * {@code hs_token}: none is {@code 401 M_UNAUTHORIZED}, a wrong one {@code 403 M_FORBIDDEN}.
 * Successful answers are {@code {}}, as the Matrix API defines them (not 8.2.1's example body).
 */
@RestController
class AppServiceController {

    private final HomeserverTokenCheck tokens;
    private final TransactionProcessor transactions;
    private final MatrixApi api;
    private final BridgeProperties properties;

    AppServiceController(HomeserverTokenCheck tokens, TransactionProcessor transactions, MatrixApi api,
            BridgeProperties properties) {
        this.tokens = tokens;
        this.transactions = transactions;
        this.api = api;
        this.properties = properties;
    }

    @PutMapping("/_matrix/app/v1/transactions/{txnId}")
    Mono<ResponseEntity<Map<String, Object>>> transaction(@PathVariable String txnId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody JsonNode body) {
        MatrixErrors refused = refused(authorization);
        if (refused != null) {
            return Mono.just(refused.response());
        }
        if (!body.isObject() || !(body.path("events").isArray() || body.path("events").isMissingNode())) {
            return Mono.just(MatrixErrors.NOT_JSON.response());
        }
        List<JsonNode> events = new ArrayList<>();
        body.path("events").forEach(events::add);
        return transactions.process(txnId, events).thenReturn(ResponseEntity.ok(Map.of()));
    }

    @GetMapping("/_matrix/app/v1/users/{userId}")
    Mono<ResponseEntity<Map<String, Object>>> user(@PathVariable String userId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        MatrixErrors refused = refused(authorization);
        if (refused != null) {
            return Mono.just(refused.response());
        }
        String suffix = ":" + properties.serverName();
        if (!userId.endsWith(suffix) || !BridgeUsers.isBridgeUser(userId)) {
            return Mono.just(MatrixErrors.NOT_FOUND.response());
        }
        String localpart = userId.substring(1, userId.length() - suffix.length());
        return api.registerVirtualUser(localpart).thenReturn(ResponseEntity.ok(Map.of()));
    }

    /** No alias is provisioned on demand: the notices rooms' aliases are created with their rooms. */
    @GetMapping("/_matrix/app/v1/rooms/{alias}")
    Mono<ResponseEntity<Map<String, Object>>> room(@PathVariable String alias,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        MatrixErrors refused = refused(authorization);
        return Mono.just((refused != null ? refused : MatrixErrors.NOT_FOUND).response());
    }

    @PostMapping("/_matrix/app/v1/ping")
    Mono<ResponseEntity<Map<String, Object>>> ping(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        MatrixErrors refused = refused(authorization);
        return Mono.just(refused != null ? refused.response() : ResponseEntity.ok(Map.of()));
    }

    private MatrixErrors refused(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return MatrixErrors.UNAUTHORIZED;
        }
        return tokens.matches(authorization) ? null : MatrixErrors.FORBIDDEN;
    }
}
