package dev.tmcp.bridge.outgoing;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.web.platform.PlatformCredentials;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Operators' view of the room events parked after their retries, and their redelivery. Both take
 * the platform service credentials (spec 4.4.9), like the suite's other operator endpoints.
 */
@RestController
class ParkedEventsController {

    private static final Logger log = LoggerFactory.getLogger(ParkedEventsController.class);
    private static final int MAX_LIMIT = 500;

    private final PlatformCredentials platform;
    private final RoomOutbox outbox;
    private final RoomQueue queue;

    ParkedEventsController(PlatformCredentials platform, RoomOutbox outbox, RoomQueue queue) {
        this.platform = platform;
        this.outbox = outbox;
        this.queue = queue;
    }

    record ParkedList(List<ParkedEvent> parked) {
    }

    record Redelivery(long id, String status) {
    }

    @GetMapping("/internal/v1/parked")
    Mono<ParkedList> list(ServerWebExchange http,
            @RequestParam(name = "limit", defaultValue = "100") int limit) {
        platform.require(http.getRequest().getHeaders(), new LinkedMultiValueMap<>());
        if (limit < 1 || limit > MAX_LIMIT) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "limit must be between 1 and " + MAX_LIMIT));
        }
        return outbox.parked(limit).collectList().map(ParkedList::new);
    }

    @PostMapping("/internal/v1/parked/{id}/redeliver")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Redelivery> redeliver(ServerWebExchange http, @PathVariable String id) {
        platform.require(http.getRequest().getHeaders(), new LinkedMultiValueMap<>());
        long seq;
        try {
            seq = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Mono.error(new TmcpException(ErrorCode.NOT_FOUND, "No parked event " + id));
        }
        return outbox.redeliver(seq).flatMap(found -> {
            if (!found) {
                return Mono.error(new TmcpException(ErrorCode.NOT_FOUND, "No parked event " + id));
            }
            log.info("parked room event seq={} put back in its room's queue by an operator", seq);
            queue.committed();
            return Mono.just(new Redelivery(seq, "pending"));
        });
    }
}
