package dev.tmcp.auth.developer;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.UserId;
import dev.tmcp.web.platform.PlatformCredentials;
import java.time.Instant;
import java.util.List;
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

    /** {@code note} is left out when none was given. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WhitelistedDeveloper(String matrixUserId, String note, String addedBy, Instant addedAt) {

        static WhitelistedDeveloper from(Whitelist.Entry entry) {
            return new WhitelistedDeveloper(entry.matrixUserId(), entry.note(), entry.addedBy(), entry.addedAt());
        }
    }

    record Whitelisted(List<WhitelistedDeveloper> developers) {
    }

    record Removed(String developerId, boolean removed, int sessionsRevoked) {
    }

    @GetMapping("/admin/developers/whitelist")
    Mono<Whitelisted> list(ServerWebExchange http) {
        platform.require(http.getRequest().getHeaders(), null);
        return whitelist.all().map(WhitelistedDeveloper::from).collectList().map(Whitelisted::new);
    }

    @PostMapping("/admin/developers/whitelist")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<WhitelistedDeveloper> add(ServerWebExchange http, @RequestBody AddRequest request) {
        platform.require(http.getRequest().getHeaders(), null);
        if (request.matrixUserId() == null || !UserId.isValid(request.matrixUserId())) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "matrix_user_id must be a Matrix user id"));
        }
        if (request.note() != null && request.note().length() > 500) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "note is at most 500 characters"));
        }
        return whitelist.add(request.matrixUserId(), request.note(), platform.clientId()).map(WhitelistedDeveloper::from);
    }

    @DeleteMapping("/admin/developers/{devId}")
    Mono<Removed> remove(ServerWebExchange http, @PathVariable String devId) {
        platform.require(http.getRequest().getHeaders(), null);
        if (!UserId.isValid(devId)) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "dev_id must be the developer's Matrix user id"));
        }
        return tokens.remove(devId).flatMap(revoked -> revoked < 0
                ? Mono.error(new TmcpException(ErrorCode.NOT_FOUND, devId + " is not whitelisted"))
                : Mono.just(new Removed(devId, true, revoked)));
    }
}
