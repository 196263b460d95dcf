package dev.tmcp.payment.p2p;

import dev.tmcp.web.tep.TepPrincipal;
import jakarta.validation.Valid;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Spec 7.2: initiate, confirm, accept, reject and read P2P transfers. */
@RestController
class P2pController {

    private final P2pService p2p;
    private final P2pAcceptance acceptance;
    private final RoomCards cards;

    P2pController(P2pService p2p, P2pAcceptance acceptance, RoomCards cards) {
        this.p2p = p2p;
        this.acceptance = acceptance;
        this.cards = cards;
    }

    @PostMapping("/wallet/v1/p2p/initiate")
    Mono<Map<String, Object>> initiate(TepPrincipal sender, @Valid @RequestBody P2pRequests.Initiate request) {
        sender.requireScope("wallet:pay");
        return p2p.initiate(sender, request).map(i -> P2pViews.initiated(i.transfer(), i.availableMethods()));
    }

    @PostMapping("/wallet/v1/p2p/{transferId}/confirm")
    Mono<Map<String, Object>> confirm(TepPrincipal sender, @PathVariable String transferId,
            @Valid @RequestBody P2pRequests.Confirm request) {
        sender.requireScope("wallet:pay");
        return p2p.confirm(sender, transferId, request.authProof()).map(P2pViews::of);
    }

    @PostMapping("/wallet/v1/p2p/{transferId}/accept")
    Mono<Map<String, Object>> accept(TepPrincipal recipient, @PathVariable String transferId,
            @Valid @RequestBody(required = false) P2pRequests.Accept request) {
        recipient.requireScope("wallet:pay");
        return acceptance.accept(recipient, transferId).map(P2pViews::accepted);
    }

    @PostMapping("/wallet/v1/p2p/{transferId}/reject")
    Mono<Map<String, Object>> reject(TepPrincipal recipient, @PathVariable String transferId,
            @Valid @RequestBody(required = false) P2pRequests.Reject request) {
        recipient.requireScope("wallet:pay");
        return acceptance.reject(recipient, transferId, request == null ? null : request.reason(),
                request == null ? null : request.message()).map(P2pViews::rejected);
    }

    @GetMapping("/wallet/v1/p2p/{transferId}")
    Mono<Map<String, Object>> get(TepPrincipal caller, @PathVariable String transferId) {
        return p2p.get(caller, transferId).flatMap(t -> cards.matrixEventId(t.eventId())
                .map(matrixEventId -> {
                    Map<String, Object> body = P2pViews.of(t);
                    body.put("matrix_event_id", matrixEventId);
                    return body;
                })
                .defaultIfEmpty(P2pViews.of(t)));
    }
}
