package dev.tmcp.bridge.appservice;

import dev.tmcp.bridge.BridgeProperties;
import dev.tmcp.bridge.homeserver.MatrixApi;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The Application Service API the homeserver calls (Matrix AS API v1.15). */
@RestController
class AppServiceController {

    private static final Map<String, Object> FORBIDDEN = Map.of("errcode", "M_FORBIDDEN", "error", "Bad homeserver token");
    private static final Map<String, Object> NOT_FOUND = Map.of("errcode", "M_NOT_FOUND", "error", "Not in this namespace");

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

    record Transaction(List<Map<String, Object>> events) {
    }

    @PutMapping("/_matrix/app/v1/transactions/{txnId}")
    Mono<ResponseEntity<Map<String, Object>>> transaction(@PathVariable String txnId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody Transaction transaction) {
        if (!tokens.matches(authorization)) {
            return Mono.just(ResponseEntity.status(HttpStatus.FORBIDDEN).body(FORBIDDEN));
        }
        List<Map<String, Object>> events = transaction.events() == null ? List.of() : transaction.events();
        return transactions.process(txnId, events).thenReturn(ResponseEntity.ok(Map.of()));
    }

    @GetMapping("/_matrix/app/v1/users/{userId}")
    Mono<ResponseEntity<Map<String, Object>>> user(@PathVariable String userId,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        if (!tokens.matches(authorization)) {
            return Mono.just(ResponseEntity.status(HttpStatus.FORBIDDEN).body(FORBIDDEN));
        }
        String suffix = ":" + properties.serverName();
        if (!userId.endsWith(suffix) || !(userId.startsWith("@_tmcp") || userId.startsWith("@ma_"))) {
            return Mono.just(ResponseEntity.status(HttpStatus.NOT_FOUND).body(NOT_FOUND));
        }
        String localpart = userId.substring(1, userId.length() - suffix.length());
        return api.registerVirtualUser(localpart).thenReturn(ResponseEntity.ok(Map.of()));
    }

    @GetMapping("/_matrix/app/v1/rooms/{alias}")
    Mono<ResponseEntity<Map<String, Object>>> room(@PathVariable String alias,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        HttpStatus status = tokens.matches(authorization) ? HttpStatus.NOT_FOUND : HttpStatus.FORBIDDEN;
        return Mono.just(ResponseEntity.status(status).body(status == HttpStatus.FORBIDDEN ? FORBIDDEN : NOT_FOUND));
    }

    @PostMapping("/_matrix/app/v1/ping")
    Mono<ResponseEntity<Map<String, Object>>> ping(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        return Mono.just(tokens.matches(authorization)
                ? ResponseEntity.ok(Map.of())
                : ResponseEntity.status(HttpStatus.FORBIDDEN).body(FORBIDDEN));
    }
}
