package dev.tmcp.payment.gift;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.event.Topics;
import dev.tmcp.core.id.UserId;
import dev.tmcp.payment.wallet.WalletClient;
import dev.tmcp.web.outbox.OutboxWriter;
import io.r2dbc.spi.R2dbcException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DataAccessException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Opening a gift (spec 7.5.6) in two steps. The claim is one transaction under the gift's row
 * lock: check state, expiry and remaining, take the next precomputed share, decrement, insert the
 * opening as {@code claimed}. Then the wallet captures the share under
 * {@code gift:{gift_id}:open:{user}}, and a second transaction turns the claim {@code paid} and
 * writes {@code gift.opened}, so the room only ever hears of money that moved and hears of it once
 * (the {@code claimed → paid} update guards the outbox row). A claim left behind by a crash or an
 * outage is paid by a retry of the same open or by {@link GiftJobs}; the capture's reference makes
 * a double payment impossible either way.
 */
@Service
class GiftOpenings {

    static final int LEADERBOARD = 10;
    /** The wallet turned the recipient away for good; the share goes back to the sender at expiry. */
    private static final Set<ErrorCode> REFUSALS = Set.of(ErrorCode.USER_SUSPENDED, ErrorCode.INVALID_AMOUNT,
            ErrorCode.INVALID_REQUEST);

    private final GiftRepository gifts;
    private final WalletClient wallet;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final DatabaseClient db;

    GiftOpenings(GiftRepository gifts, WalletClient wallet, OutboxWriter outbox, TransactionalOperator tx,
            DatabaseClient db) {
        this.gifts = gifts;
        this.wallet = wallet;
        this.outbox = outbox;
        this.tx = tx;
        this.db = db;
    }

    record Opened(Gift gift, GiftOpening opening) {
    }

    Mono<Opened> open(String giftId, String userId) {
        return claim(giftId, userId)
                .flatMap(claimed -> pay(claimed.opening()))
                .flatMap(paid -> gifts.find(giftId).map(now -> new Opened(now, paid)));
    }

    /** Step one alone: the share is this user's once it returns (or was already, unpaid). */
    Mono<Opened> claim(String giftId, String userId) {
        return tx.transactional(lockAndClaim(giftId, userId))
                .onErrorMap(GiftOpenings::isLockTimeout, e -> new TmcpException(ErrorCode.SERVICE_UNAVAILABLE,
                        "The gift is busy, try again", Map.of("retry_after", 1)));
    }

    private Mono<Opened> lockAndClaim(String giftId, String userId) {
        return db.sql("set local lock_timeout = '5s'").then()
                .then(gifts.lock(giftId))
                .switchIfEmpty(Mono.error(GiftService::notFound))
                .flatMap(gift -> gifts.opening(giftId, userId)
                        .flatMap(existing -> existing.status() == GiftOpeningStatus.CLAIMED
                                ? Mono.just(new Opened(gift, existing))
                                : Mono.<Opened>error(new TmcpException(ErrorCode.ALREADY_OPENED,
                                        "You have already opened this gift")))
                        .switchIfEmpty(Mono.defer(() -> takeShare(gift, userId))));
    }

    private Mono<Opened> takeShare(Gift gift, String userId) {
        Optional<TmcpException> refusal = gift.refusalToOpen(userId, Instant.now());
        if (refusal.isPresent()) {
            return Mono.error(refusal.get());
        }
        GiftOpening opening = new GiftOpening(gift.giftId(), userId, gift.openedCount() + 1, gift.nextShare(),
                GiftOpeningStatus.CLAIMED, Instant.now().truncatedTo(ChronoUnit.MICROS), null, null);
        return gifts.takeShare(gift)
                .then(gifts.insertOpening(opening))
                .map(inserted -> new Opened(gift, inserted));
    }

    /** Captures a claimed share and records it paid with its event; a paid opening comes back as it is. */
    Mono<GiftOpening> pay(GiftOpening claimed) {
        return gifts.find(claimed.giftId())
                .flatMap(gift -> wallet.capture(gift.holdId(), claimed.captureReference(), UserId.of(claimed.userId()),
                        claimed.amount())
                        .onErrorResume(e -> e instanceof TmcpException t && REFUSALS.contains(t.code()),
                                e -> refuse(claimed).then(Mono.error(e)))
                        .flatMap(captured -> tx.transactional(recordPaid(gift.giftId(), claimed, captured.ledgerTxnId()))));
    }

    /**
     * Marks the share refused under the gift's row lock, so it is either left out of the expiry
     * settlement or seen after it; in the second case the settlement counted it as given, so it goes
     * back to the sender now (ADR 0037).
     */
    private Mono<Void> refuse(GiftOpening claimed) {
        return tx.transactional(gifts.lock(claimed.giftId())
                        .flatMap(gift -> gifts.markRefused(claimed)
                                // refused by this call or an earlier one cut before its release: the release is keyed
                                .filter(refused -> gift.releaseMinor() != null)
                                .map(refused -> gift)))
                .flatMap(settled -> wallet.release(settled.holdId(),
                        Gift.holdReference(settled.giftId()) + ":refused:" + claimed.userId(), claimed.amount()))
                .then();
    }

    private Mono<GiftOpening> recordPaid(String giftId, GiftOpening claimed, String ledgerTxnId) {
        return gifts.lock(giftId).flatMap(gift -> gifts.opening(giftId, claimed.userId()).flatMap(current -> {
            if (current.status() != GiftOpeningStatus.CLAIMED) {
                return Mono.just(current);
            }
            return gifts.leaderboard(giftId, LEADERBOARD).collectList().flatMap(paid -> {
                var event = GiftEvents.opened(gift, current, leaderboard(paid, current));
                return gifts.markPaid(current, ledgerTxnId, event.id())
                        .then(outbox.append(Topics.GIFT, event))
                        .then(gifts.opening(giftId, claimed.userId()));
            });
        }));
    }

    private static List<GiftOpening> leaderboard(List<GiftOpening> paid, GiftOpening current) {
        List<GiftOpening> all = new ArrayList<>(paid);
        all.add(current);
        all.sort(Comparator.comparingLong((GiftOpening o) -> o.amount().minorUnits()).reversed()
                .thenComparingInt(GiftOpening::rank));
        return all.subList(0, Math.min(LEADERBOARD, all.size()));
    }

    private static boolean isLockTimeout(Throwable e) {
        Throwable cause = e instanceof DataAccessException ? e.getCause() : e;
        return cause instanceof R2dbcException r && "55P03".equals(r.getSqlState());
    }
}
