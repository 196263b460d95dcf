package dev.tmcp.payment.gift;

import dev.tmcp.core.event.Topics;
import dev.tmcp.core.money.Money;
import dev.tmcp.payment.wallet.WalletClient;
import dev.tmcp.web.jobs.PeriodicJobs;
import dev.tmcp.web.outbox.OutboxWriter;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Background work, every {@code tmcp.payment.gift.expiry-interval}:
 * <ul>
 * <li>expiry: an expired gift is settled under its row lock (SKIP LOCKED, so replicas share the
 * work): its status turns {@code expired} (a fully opened one keeps its status) and the amount no
 * opener holds is fixed. The wallet then releases exactly that amount to the sender under
 * {@code gift:{gift_id}:expire}, and one transaction marks the gift released and writes
 * {@code gift.expired}. A crash in between is finished by the next run; the reference and the
 * {@code released_at is null} guard keep both the release and the event single.</li>
 * <li>repair: claimed openings the wallet has not confirmed after {@code repair-after} are paid.</li>
 * <li>abandoned: gifts still {@code created} after {@code abandoned-after} (their creation died
 * before the hold was confirmed) are cancelled, and any hold the wallet took for them released.</li>
 * </ul>
 */
@Component
class GiftJobs extends PeriodicJobs {

    private static final Logger log = LoggerFactory.getLogger(GiftJobs.class);
    private static final int BATCH = 50;

    private final GiftRepository gifts;
    private final GiftOpenings openings;
    private final WalletClient wallet;
    private final OutboxWriter outbox;
    private final TransactionalOperator tx;
    private final GiftProperties properties;

    GiftJobs(GiftRepository gifts, GiftOpenings openings, WalletClient wallet, OutboxWriter outbox,
            TransactionalOperator tx, GiftProperties properties) {
        super("gift");
        this.gifts = gifts;
        this.openings = openings;
        this.wallet = wallet;
        this.outbox = outbox;
        this.tx = tx;
        this.properties = properties;
    }

    @Override
    protected List<Job> jobs() {
        return List.of(new Job("expiry", properties.expiryInterval(), this::expireDue),
                new Job("repair", properties.expiryInterval(), this::repairStaleClaims),
                new Job("abandoned", properties.expiryInterval(), this::cancelAbandoned));
    }

    /** Settles expired gifts and gives back what was not opened; emits how many gifts were released. */
    Mono<Long> expireDue() {
        return tx.transactional(gifts.lockDueForExpiry(BATCH)
                        .concatMap(gift -> gifts.sharedMinor(gift.giftId()).flatMap(shared -> gifts.settle(gift.giftId(),
                                gift.atExpiry(), gift.unshared(shared).minorUnits())))
                        .then())
                .thenMany(gifts.dueForRelease(BATCH))
                .concatMap(gift -> release(gift).onErrorResume(e -> {
                    log.warn("gift_id={} release failed, will retry: {}", gift.giftId(), e.toString());
                    return Mono.empty();
                }))
                .count();
    }

    private Mono<Gift> release(Gift gift) {
        Money amount = Money.ofMinor(gift.releaseMinor(), gift.total().currencyCode());
        Mono<?> moved = amount.minorUnits() > 0
                ? wallet.release(gift.holdId(), Gift.releaseReference(gift.giftId()), amount) : Mono.empty();
        return moved.then(tx.transactional(gifts.markReleased(gift.giftId())
                .filter(updated -> updated == 1 && gift.status() == GiftStatus.EXPIRED)
                .flatMap(first -> outbox.append(Topics.GIFT, GiftEvents.expired(gift, amount)))
                .thenReturn(gift)));
    }

    /**
     * Cancels gifts whose creation died between the gift row and its hold: the hold, if the wallet
     * took one under the gift's reference, is released by the release step; nothing is announced.
     */
    Mono<Long> cancelAbandoned() {
        return tx.transactional(gifts.lockAbandoned(Instant.now().minus(properties.abandonedAfter()), BATCH)
                .concatMap(gift -> wallet.holdByReference(Gift.holdReference(gift.giftId()), gift.total().currency())
                        .map(hold -> gifts.cancel(gift.giftId(), hold.holdId(), gift.total().minorUnits()))
                        .defaultIfEmpty(gifts.cancel(gift.giftId(), null, 0))
                        .flatMap(cancel -> cancel))
                .count());
    }

    /** Pays claims left unpaid; emits how many were paid. */
    Mono<Long> repairStaleClaims() {
        return gifts.staleClaims(Instant.now().minus(properties.repairAfter()), BATCH)
                .concatMap(claim -> openings.pay(claim).onErrorResume(e -> {
                    log.warn("gift_id={} claim of {} still unpaid, will retry: {}", claim.giftId(), claim.userId(), e.toString());
                    return Mono.empty();
                }))
                .count();
    }

    @Override
    public void start() {
        if (properties.jobsEnabled()) {
            super.start();
        }
    }
}
