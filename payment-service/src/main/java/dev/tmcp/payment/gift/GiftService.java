package dev.tmcp.payment.gift;

import dev.tmcp.core.crypto.Digests;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.event.Topics;
import dev.tmcp.core.id.Ids;
import dev.tmcp.core.id.RoomId;
import dev.tmcp.core.id.UserId;
import dev.tmcp.core.money.Money;
import dev.tmcp.payment.rooms.RoomMembership;
import dev.tmcp.payment.wallet.PayerProof;
import dev.tmcp.payment.wallet.WalletClient;
import dev.tmcp.web.idempotency.Idempotent;
import dev.tmcp.web.outbox.OutboxWriter;
import dev.tmcp.web.tep.TepPrincipal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Creating and reading gifts. Creation is idempotent per (sender, idempotency key): the gift row
 * is stored first (claiming the key and fixing the gift id), then the sender's wallet holds the
 * total under {@code gift:{gift_id}}, then one transaction activates the gift and writes
 * {@code gift.created}. A retry after a lost answer finds the same hold and finishes.
 */
@Service
class GiftService {

    private final GiftRepository gifts;
    private final WalletClient wallet;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final GiftProperties properties;
    private final RoomMembership rooms;
    private final SecureRandom random = new SecureRandom();

    GiftService(GiftRepository gifts, WalletClient wallet, OutboxWriter outbox, TransactionalOperator tx,
            GiftProperties properties, RoomMembership rooms) {
        this.gifts = gifts;
        this.rooms = rooms;
        this.wallet = wallet;
        this.outbox = outbox;
        this.tx = tx;
        this.properties = properties;
    }

    /**
     * Only a member of the gift's room may send one there, and nothing is held without the
     * sender's proof (decision 0026). A gift already funded is returned as it is.
     */
    Mono<Gift> create(TepPrincipal sender, GiftRequests.Create request) {
        Gift candidate = plan(sender, request);
        return rooms.requireMember(sender, candidate.roomId())
                .then(Idempotent.insertOrReplay(gifts.insert(candidate),
                        gifts.byKey(candidate.senderUserId(), candidate.idempotencyKey()),
                        stored -> stored.requestHash().equals(candidate.requestHash()),
                        "This idempotency key was already used for a different gift"))
                .flatMap(stored -> stored.status() == GiftStatus.CREATED
                        ? fund(sender, stored, request.authProof()) : Mono.just(stored));
    }

    Mono<Gift> get(String giftId) {
        return gifts.find(giftId).switchIfEmpty(Mono.error(notFound()));
    }

    static TmcpException notFound() {
        return new TmcpException(ErrorCode.GIFT_NOT_FOUND, "No such gift");
    }

    private Mono<Gift> fund(TepPrincipal sender, Gift gift, PayerProof proof) {
        String reference = Gift.holdReference(gift.giftId());
        String amount = gift.total().toDecimal().toPlainString();
        String currency = gift.total().currencyCode();
        // A hold under this reference was taken after an accepted proof: a retry after a lost
        // answer finishes with it rather than asking again (a one-time code is spent once).
        return wallet.holdByReference(reference, gift.total().currency())
                .switchIfEmpty(Mono.defer(() -> wallet.verify(sender, proof.signing("gift:" + gift.idempotencyKey(), amount, currency))
                        .then(wallet.hold(sender, reference, gift.total(), "gift"))
                        // A 4xx is a wrong proof or the wallet refusing (funds, limits, account):
                        // nothing is held, so the row goes and the same key may be used again.
                        .onErrorResume(e -> e instanceof TmcpException t && t.code().httpStatus() < 500,
                                e -> gifts.deleteUnfunded(gift.giftId()).then(Mono.error(e)))))
                .flatMap(hold -> tx.transactional(gifts.lock(gift.giftId()).flatMap(current -> {
                    if (current.status() != GiftStatus.CREATED) {
                        return Mono.just(current);
                    }
                    var event = GiftEvents.created(current);
                    return gifts.activate(current.giftId(), hold.holdId(), event.id())
                            .then(outbox.append(Topics.GIFT, event))
                            .then(gifts.find(current.giftId()));
                })).flatMap(after -> releaseIfCancelled(after, hold)));
    }

    /**
     * The abandoned-gift job cancelled the gift under its row lock before this hold landed (it
     * found none): the hold is no gift's and goes back to the sender (ADR 0037).
     */
    private Mono<Gift> releaseIfCancelled(Gift after, WalletClient.HoldResult hold) {
        if (after.status() != GiftStatus.CANCELLED || hold.holdId().equals(after.holdId())) {
            return Mono.just(after);
        }
        return wallet.releaseAll(hold.holdId(), Gift.holdReference(after.giftId()) + ":late",
                after.total().currency()).thenReturn(after);
    }

    private Gift plan(TepPrincipal sender, GiftRequests.Create r) {
        String senderId = sender.userId().value();
        boolean individual = Gift.INDIVIDUAL.equals(r.type());
        if (!individual && !Gift.GROUP.equals(r.type())) {
            throw invalid("type must be individual or group");
        }
        Object launchRoom = individual ? sender.miniappContext().get("room_id") : null;
        String roomId = r.roomId() != null ? r.roomId() : launchRoom == null ? null : launchRoom.toString();
        if (roomId == null && !individual) {
            throw invalid("room_id is required for a group gift");
        }
        if (roomId != null && !RoomId.isValid(roomId)) {
            throw invalid("room_id must be a Matrix room id");
        }
        Money total;
        int count;
        String distribution;
        if (individual) {
            if (!UserId.isValid(r.recipient())) {
                throw invalid("recipient must be a Matrix user id");
            }
            if (r.recipient().equals(senderId)) {
                throw invalid("Cannot send a gift to yourself");
            }
            if (r.totalAmount() != null || (r.count() != null && r.count() != 1)) {
                throw invalid("an individual gift takes amount, not total_amount or count");
            }
            total = Money.parsePositive(r.amount(), r.currency());
            count = 1;
            distribution = Gift.EQUAL;
        } else {
            if (r.recipient() != null || r.amount() != null) {
                throw invalid("a group gift takes total_amount and count, not recipient or amount");
            }
            total = Money.parsePositive(r.totalAmount(), r.currency());
            if (r.count() == null || r.count() < 1 || r.count() > properties.maxCount()) {
                throw invalid("count must be between 1 and " + properties.maxCount());
            }
            count = r.count();
            distribution = r.distribution() == null ? Gift.RANDOM : r.distribution();
            if (!Gift.RANDOM.equals(distribution) && !Gift.EQUAL.equals(distribution)) {
                throw invalid("distribution must be equal or random");
            }
        }
        if (total.minorUnits() < count) {
            throw new TmcpException(ErrorCode.INVALID_AMOUNT, "The total must give every share at least "
                    + Money.ofMinor(1, total.currencyCode()).toDecimal().toPlainString());
        }
        Duration expiresIn = expiresIn(r.expiresInSeconds());
        List<Long> shares = shares(total.minorUnits(), count, distribution);
        String hash = Digests.sha256Hex(String.join("|", r.type(), String.valueOf(r.recipient()), String.valueOf(roomId),
                String.valueOf(total.minorUnits()), total.currencyCode(), String.valueOf(count), distribution,
                String.valueOf(expiresIn.toSeconds()), String.valueOf(r.message())));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new Gift(Ids.next("gift_"), r.idempotencyKey(), hash, senderId, r.type(), individual ? r.recipient() : null,
                roomId, total, count, count, distribution, shares, r.message(), GiftStatus.CREATED, null, null,
                now.plus(expiresIn), null, null, now);
    }

    private Duration expiresIn(Integer seconds) {
        if (seconds == null) {
            return properties.defaultExpiry();
        }
        if (seconds < 60 || seconds > properties.maxExpiry().toSeconds()) {
            throw invalid("expires_in_seconds must be between 60 and " + properties.maxExpiry().toSeconds());
        }
        return Duration.ofSeconds(seconds);
    }

    private List<Long> shares(long total, int count, String distribution) {
        try {
            long[] shares = Gift.EQUAL.equals(distribution)
                    ? GiftDistribution.equal(total, count)
                    : GiftDistribution.random(total, count, properties.randomBounds(), random);
            return Arrays.stream(shares).boxed().toList();
        } catch (IllegalArgumentException e) {
            throw new TmcpException(ErrorCode.INVALID_AMOUNT, e.getMessage());
        }
    }

    private static TmcpException invalid(String message) {
        return new TmcpException(ErrorCode.INVALID_REQUEST, message);
    }
}
