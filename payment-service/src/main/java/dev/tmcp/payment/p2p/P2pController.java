package dev.tmcp.payment.p2p;

import dev.tmcp.web.tep.TepPrincipal;
import jakarta.validation.Valid;
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
    Mono<P2pView> initiate(TepPrincipal sender, @Valid @RequestBody P2pRequests.Initiate request) {
        sender.requireScope("wallet:pay");
        return p2p.initiate(sender, request).map(i -> P2pView.initiated(i.transfer(), i.availableMethods()));
    }

    @PostMapping("/wallet/v1/p2p/{transferId}/confirm")
    Mono<P2pView> confirm(TepPrincipal sender, @PathVariable String transferId,
            @Valid @RequestBody P2pRequests.Confirm request) {
        sender.requireScope("wallet:pay");
        return p2p.confirm(sender, transferId, request.authProof()).map(P2pView::of);
    }

    @PostMapping("/wallet/v1/p2p/{transferId}/accept")
    Mono<P2pView.Accepted> accept(TepPrincipal recipient, @PathVariable String transferId,
            @Valid @RequestBody(required = false) P2pRequests.Accept request) {
        recipient.requireScope("wallet:pay");
        return acceptance.accept(recipient, transferId).map(P2pView.Accepted::of);
    }

    @PostMapping("/wallet/v1/p2p/{transferId}/reject")
    Mono<P2pView.Rejected> reject(TepPrincipal recipient, @PathVariable String transferId,
            @Valid @RequestBody(required = false) P2pRequests.Reject request) {
        recipient.requireScope("wallet:pay");
        return acceptance.reject(recipient, transferId, request == null ? null : request.reason(),
                request == null ? null : request.message()).map(P2pView.Rejected::of);
    }

    @GetMapping("/wallet/v1/p2p/{transferId}")
    Mono<P2pView> get(TepPrincipal caller, @PathVariable String transferId) {
        return p2p.get(caller, transferId).flatMap(t -> cards.matrixEventId(t.eventId())
                .map(P2pView.of(t)::withMatrixEventId)
                .defaultIfEmpty(P2pView.of(t)));
    }
}
