package dev.tmcp.auth.developer;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.UserId;
import dev.tmcp.web.platform.PlatformCredentials;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The developer whitelist (spec 4.4.8, 4.4.9), platform service credentials only (HTTP Basic);
 * a TEP, developer token or mini-app credentials are 403 {@code forbidden_platform_endpoint}.
 * {@code dev_id} is the developer's Matrix user id (the {@code developer_id} of 4.4.2).
 */
@RestController
class WhitelistController {

    private final PlatformCredentials platform;
    private final Whitelist whitelist;
    private final DeveloperTokens tokens;

    WhitelistController(PlatformCredentials platform, Whitelist whitelist, DeveloperTokens tokens) {
        this.platform = platform;
        this.whitelist = whitelist;
        this.tokens = tokens;
    }

    record AddRequest(String matrixUserId, String note) {
    }

    @GetMapping("/admin/developers/whitelist")
    Mono<Map<String, Object>> list(ServerWebExchange http) {
        platform.require(http.getRequest().getHeaders(), null);
        return whitelist.all().map(WhitelistController::body).collectList().map(all -> Map.of("developers", all));
    }

    @PostMapping("/admin/developers/whitelist")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Map<String, Object>> add(ServerWebExchange http, @RequestBody AddRequest request) {
        platform.require(http.getRequest().getHeaders(), null);
        if (request.matrixUserId() == null || !UserId.isValid(request.matrixUserId())) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "matrix_user_id must be a Matrix user id"));
        }
        if (request.note() != null && request.note().length() > 500) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "note is at most 500 characters"));
        }
        return whitelist.add(request.matrixUserId(), request.note(), platform.clientId()).map(WhitelistController::body);
    }

    @DeleteMapping("/admin/developers/{devId}")
    Mono<Map<String, Object>> remove(ServerWebExchange http, @PathVariable String devId) {
        platform.require(http.getRequest().getHeaders(), null);
        if (!UserId.isValid(devId)) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "dev_id must be the developer's Matrix user id"));
        }
        return tokens.remove(devId).flatMap(revoked -> revoked < 0
                ? Mono.error(new TmcpException(ErrorCode.NOT_FOUND, devId + " is not whitelisted"))
                : Mono.just(Map.<String, Object>of("developer_id", devId, "removed", true, "sessions_revoked", revoked)));
    }

    private static Map<String, Object> body(Whitelist.Entry entry) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("matrix_user_id", entry.matrixUserId());
        body.put("note", entry.note());
        body.put("added_by", entry.addedBy());
        body.put("added_at", entry.addedAt().toString());
        return body;
    }
}
