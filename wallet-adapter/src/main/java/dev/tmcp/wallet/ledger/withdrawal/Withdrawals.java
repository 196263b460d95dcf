package dev.tmcp.wallet.ledger.withdrawal;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.Ids;
import dev.tmcp.core.money.Money;
import dev.tmcp.wallet.ledger.account.WalletAccounts;
import dev.tmcp.wallet.ledger.external.ExternalAccounts;
import dev.tmcp.wallet.ledger.hold.Holds;
import dev.tmcp.wallet.provider.ExternalProvider;
import dev.tmcp.web.idempotency.Idempotent;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Withdrawals on the ledger (spec 6.6): initiation holds the amount (the sending rules apply),
 * approval pays it out of the ledger to the withdrawals system account, towards the user's own
 * verified external account. Both steps are idempotent. One never approved within the deadline
 * expires, and the user may cancel one awaiting approval; either releases the hold (ADR 0038).
 */
@Service
public class Withdrawals {

    private final DatabaseClient db;
    private final WalletAccounts wallets;
    private final ExternalAccounts external;
    private final Holds holds;
    private final TransactionalOperator tx;
    private final Duration approvalDeadline;

    Withdrawals(DatabaseClient db, WalletAccounts wallets, ExternalAccounts external, Holds holds,
            TransactionalOperator tx, @Value("${tmcp.wallet.withdrawal-approval-deadline:24h}") Duration approvalDeadline) {
        this.approvalDeadline = approvalDeadline;
        this.db = db;
        this.wallets = wallets;
        this.external = external;
        this.holds = holds;
        this.tx = tx;
    }

    public Mono<ExternalProvider.Withdrawal> initiate(String userId, String destinationId, Money amount, String reference) {
        return wallets.existing(userId).flatMap(wallet -> {
            String holdReference = "withdrawal:" + wallet.walletId() + ":" + reference;
            return Idempotent.replayOrCreate(byReference(holdReference),
                    existing -> existing.amount().compareTo(amount.toDecimal()) == 0
                            && existing.destinationAccountId().equals(destinationId),
                    "This idempotency key was used for a different withdrawal",
                    () -> external.requireOwnAccount(wallet, destinationId)
                            .then(holds.hold(userId, holdReference, amount, "withdrawal"))
                            .flatMap(hold -> db.sql("insert into withdrawal (withdrawal_id, reference, wallet_id, "
                                            + "external_account_id, hold_id, currency, amount_minor, status) values (:id, :ref, "
                                            + ":wallet, :dest, :hold, :currency, :amount, 'pending_approval') "
                                            + "on conflict (reference) do nothing")
                                    .bind("id", Ids.next("wd_")).bind("ref", holdReference).bind("wallet", wallet.walletId())
                                    .bind("dest", destinationId).bind("hold", hold.holdId())
                                    .bind("currency", amount.currencyCode()).bind("amount", amount.minorUnits())
                                    .fetch().rowsUpdated())
                            .then(byReference(holdReference)));
        });
    }

    /**
     * Claims the withdrawal for approval (so a cancel or the expiry can no longer take it), pays the
     * hold out, then completes it; a crash after the claim leaves it {@code approving}, which
     * {@link #finishInterrupted} completes.
     */
    public Mono<ExternalProvider.Withdrawal> approve(String userId, String withdrawalId) {
        return own(userId, withdrawalId).flatMap(w -> switch (w.status()) {
            case "completed" -> Mono.just(w);
            case "cancelled", "expired" -> Mono.error(new TmcpException(ErrorCode.INVALID_STATE,
                    "This withdrawal was " + w.status() + "; its money is back in the wallet"));
            default -> db.sql("update withdrawal set status = 'approving' where withdrawal_id = :id "
                            + "and (status = 'approving' or (status = 'pending_approval' and created_at > :deadline))")
                    .bind("id", withdrawalId).bind("deadline", deadline())
                    .fetch().rowsUpdated()
                    .flatMap(claimed -> claimed == 1 ? payOut(withdrawalId)
                            : Mono.error(new TmcpException(ErrorCode.INVALID_STATE,
                                    "This withdrawal is past its approval deadline")))
                    .then(own(userId, withdrawalId));
        });
    }

    private Mono<Void> payOut(String withdrawalId) {
        return db.sql("select hold_id, currency from withdrawal where withdrawal_id = :id").bind("id", withdrawalId)
                .map(r -> new String[] {r.get("hold_id", String.class), r.get("currency", String.class)}).one()
                .flatMap(w -> holds.payOut(w[0], "withdrawal:" + withdrawalId, "system:withdrawals:" + w[1]))
                .then(tx.transactional(db.sql("update withdrawal set status = 'completed', completed_at = now(), "
                                + "ended_at = now() where withdrawal_id = :id and status = 'approving'")
                        .bind("id", withdrawalId).fetch().rowsUpdated()))
                .then();
    }

    /** The user gives up a withdrawal still awaiting approval; its hold is released. */
    public Mono<ExternalProvider.Withdrawal> cancel(String userId, String withdrawalId) {
        return own(userId, withdrawalId).flatMap(w -> switch (w.status()) {
            case "cancelled" -> release(withdrawalId).then(own(userId, withdrawalId));
            case "pending_approval" -> end(withdrawalId, "cancelled")
                    .flatMap(ended -> ended ? release(withdrawalId).then(own(userId, withdrawalId))
                            : own(userId, withdrawalId).flatMap(now -> "cancelled".equals(now.status())
                                    ? Mono.just(now) : Mono.error(notCancellable(now))));
            default -> Mono.error(notCancellable(w));
        });
    }

    private static TmcpException notCancellable(ExternalProvider.Withdrawal w) {
        return new TmcpException(ErrorCode.INVALID_STATE, "This withdrawal is " + w.status() + " and cannot be cancelled");
    }

    private Mono<Boolean> end(String withdrawalId, String status) {
        return db.sql("update withdrawal set status = :status, ended_at = now() "
                        + "where withdrawal_id = :id and status = 'pending_approval'")
                .bind("status", status).bind("id", withdrawalId)
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    /** Gives the whole hold back; idempotent by reference, so a crash halfway is finished by running it again. */
    private Mono<Void> release(String withdrawalId) {
        return holdOf(withdrawalId).flatMap(holdId -> holds.release(holdId, "withdrawal:" + withdrawalId + ":return", null))
                .then();
    }

    /** Expires withdrawals never approved within the deadline; emits how many. */
    public Mono<Long> expire(int limit) {
        return db.sql("select withdrawal_id from withdrawal where status = 'pending_approval' and created_at < :deadline "
                        + "order by created_at limit :limit")
                .bind("deadline", deadline()).bind("limit", limit)
                .map(r -> r.get("withdrawal_id", String.class)).all()
                .concatMap(id -> end(id, "expired").filter(Boolean::booleanValue).flatMap(ended -> release(id)).thenReturn(id))
                .count();
    }

    /**
     * Finishes what a crash interrupted: an ended withdrawal whose hold still has money is released,
     * an approval under way for longer than a request takes is paid out and completed.
     */
    public Mono<Long> finishInterrupted(int limit) {
        Mono<Long> released = db.sql("select w.withdrawal_id from withdrawal w join ledger_account a "
                        + "on a.account_id = 'hold:' || w.hold_id where w.status in ('cancelled', 'expired') "
                        + "and a.balance_minor > 0 and w.ended_at < now() - interval '30 seconds' limit :limit")
                .bind("limit", limit)
                .map(r -> r.get("withdrawal_id", String.class)).all()
                .concatMap(id -> release(id).thenReturn(id))
                .count();
        Mono<Long> completed = db.sql("select withdrawal_id from withdrawal where status = 'approving' "
                        + "and created_at < now() - interval '30 seconds' limit :limit")
                .bind("limit", limit)
                .map(r -> r.get("withdrawal_id", String.class)).all()
                .concatMap(id -> payOut(id).thenReturn(id))
                .count();
        return released.zipWith(completed, Long::sum);
    }

    /** Withdrawals past their deadline and not yet ended, by status: what an operator should look at. */
    public Flux<Stuck> stuck() {
        return db.sql("select withdrawal_id, status, created_at from withdrawal where "
                        + "(status = 'pending_approval' and created_at < :deadline) "
                        + "or (status = 'approving' and created_at < now() - interval '5 minutes') "
                        + "order by created_at limit 500")
                .bind("deadline", deadline())
                .map(r -> new Stuck(r.get("withdrawal_id", String.class), r.get("status", String.class),
                        r.get("created_at", OffsetDateTime.class).toInstant()))
                .all();
    }

    public record Stuck(String withdrawalId, String status, java.time.Instant since) {
    }

    private OffsetDateTime deadline() {
        return OffsetDateTime.now(java.time.ZoneOffset.UTC).minus(approvalDeadline);
    }

    public Mono<ExternalProvider.Withdrawal> get(String userId, String withdrawalId) {
        return own(userId, withdrawalId);
    }

    private Mono<ExternalProvider.Withdrawal> own(String userId, String withdrawalId) {
        return wallets.existing(userId)
                .flatMap(wallet -> db.sql(SELECT + "where withdrawal_id = :id and wallet_id = :wallet")
                        .bind("id", withdrawalId).bind("wallet", wallet.walletId())
                        .map(Withdrawals::map).one())
                .switchIfEmpty(Mono.error(new TmcpException(ErrorCode.NOT_FOUND, "No such withdrawal")));
    }

    private Mono<String> holdOf(String withdrawalId) {
        return db.sql("select hold_id from withdrawal where withdrawal_id = :id").bind("id", withdrawalId)
                .map(r -> r.get("hold_id", String.class)).one();
    }

    private Mono<ExternalProvider.Withdrawal> byReference(String reference) {
        return db.sql(SELECT + "where reference = :ref").bind("ref", reference).map(Withdrawals::map).one();
    }

    private static final String SELECT = "select withdrawal_id, status, amount_minor, currency, external_account_id, "
            + "created_at, completed_at from withdrawal ";

    private static ExternalProvider.Withdrawal map(Readable r) {
        OffsetDateTime completed = r.get("completed_at", OffsetDateTime.class);
        return new ExternalProvider.Withdrawal(r.get("withdrawal_id", String.class), r.get("status", String.class),
                Money.ofMinor(r.get("amount_minor", Long.class), r.get("currency", String.class)).toDecimal(),
                r.get("currency", String.class), r.get("external_account_id", String.class),
                r.get("created_at", OffsetDateTime.class).toInstant().toString(),
                completed == null ? null : completed.toInstant().toString());
    }
}
