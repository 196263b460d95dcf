package dev.tmcp.payment.gift;

import dev.tmcp.payment.rooms.RoomMembership;
import dev.tmcp.web.tep.TepPrincipal;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Spec 7.5: create, open and read gifts. */
@RestController
class GiftController {

    private final GiftService gifts;
    private final GiftOpenings openings;
    private final GiftRepository repository;
    private final RoomMembership rooms;

    GiftController(GiftService gifts, GiftOpenings openings, GiftRepository repository, RoomMembership rooms) {
        this.rooms = rooms;
        this.gifts = gifts;
        this.openings = openings;
        this.repository = repository;
    }

    @PostMapping("/wallet/v1/gift/create")
    Mono<GiftView> create(TepPrincipal sender, @Valid @RequestBody GiftRequests.Create request) {
        sender.requireScope("wallet:pay");
        return gifts.create(sender, request).flatMap(this::view);
    }

    @PostMapping("/wallet/v1/gift/{giftId}/open")
    Mono<GiftView.Opened> open(TepPrincipal opener, @PathVariable String giftId,
            @Valid @RequestBody(required = false) GiftRequests.Open request) {
        opener.requireScope("wallet:pay");
        return gifts.get(giftId)
                .flatMap(gift -> Gift.GROUP.equals(gift.type())
                        ? rooms.requireBothIn(opener, gift.senderUserId(), gift.roomId()) : Mono.<Void>empty())
                .then(openings.open(giftId, opener.userId().value()))
                .map(o -> GiftView.Opened.of(o.gift(), o.opening()));
    }

    /** Decision 0026: for the sender, the recipient and members of the gift's room; others get 404. */
    @GetMapping("/wallet/v1/gift/{giftId}")
    Mono<GiftView> get(TepPrincipal caller, @PathVariable String giftId) {
        String user = caller.userId().value();
        return gifts.get(giftId)
                .filterWhen(gift -> user.equals(gift.senderUserId()) || user.equals(gift.recipientUserId())
                        ? Mono.just(true) : rooms.isMember(caller, gift.roomId()))
                .switchIfEmpty(Mono.error(GiftService::notFound))
                .flatMap(this::view);
    }

    private Mono<GiftView> view(Gift gift) {
        return repository.openings(gift.giftId()).collectList().map(list -> GiftView.of(gift, list));
    }
}
