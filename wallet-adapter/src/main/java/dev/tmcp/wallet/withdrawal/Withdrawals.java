package dev.tmcp.wallet.withdrawal;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.Ids;
import dev.tmcp.core.money.Money;
import dev.tmcp.wallet.account.WalletAccounts;
import dev.tmcp.wallet.external.ExternalAccounts;
import dev.tmcp.wallet.hold.Holds;
import dev.tmcp.wallet.provider.WalletProvider;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Withdrawals on the ledger (spec 6.6): initiation holds the amount (the sending rules apply),
 * approval pays it out of the ledger to the withdrawals system account, towards the user's own
 * verified external account. Both steps are idempotent.
 */
@Service
public class Withdrawals {

    private final DatabaseClient db;
    private final WalletAccounts wallets;
    private final ExternalAccounts external;
    private final Holds holds;
    private final TransactionalOperator tx;

    Withdrawals(DatabaseClient db, WalletAccounts wallets, ExternalAccounts external, Holds holds,
            TransactionalOperator tx) {
        this.db = db;
        this.wallets = wallets;
        this.external = external;
        this.holds = holds;
        this.tx = tx;
    }

    public Mono<WalletProvider.Withdrawal> initiate(String userId, String destinationId, Money amount, String reference) {
        return wallets.existing(userId).flatMap(wallet -> {
            String holdReference = "withdrawal:" + wallet.walletId() + ":" + reference;
            return byReference(holdReference)
                    .flatMap(existing -> existing.amount().compareTo(amount.toDecimal()) == 0
                            && existing.destinationAccountId().equals(destinationId) ? Mono.just(existing)
                            : Mono.<WalletProvider.Withdrawal>error(new TmcpException(ErrorCode.DUPLICATE_TRANSACTION,
                                    "This idempotency key was used for a different withdrawal")))
                    .switchIfEmpty(Mono.defer(() -> external.requireOwnAccount(wallet, destinationId)
                            .then(holds.hold(userId, holdReference, amount, "withdrawal"))
                            .flatMap(hold -> db.sql("insert into withdrawal (withdrawal_id, reference, wallet_id, "
                                            + "external_account_id, hold_id, currency, amount_minor, status) values (:id, :ref, "
                                            + ":wallet, :dest, :hold, :currency, :amount, 'pending_approval') "
                                            + "on conflict (reference) do nothing")
                                    .bind("id", Ids.next("wd_")).bind("ref", holdReference).bind("wallet", wallet.walletId())
                                    .bind("dest", destinationId).bind("hold", hold.holdId())
                                    .bind("currency", amount.currencyCode()).bind("amount", amount.minorUnits())
                                    .fetch().rowsUpdated())
                            .then(byReference(holdReference))));
        });
    }

    public Mono<WalletProvider.Withdrawal> approve(String userId, String withdrawalId) {
        return own(userId, withdrawalId).flatMap(w -> "completed".equals(w.status()) ? Mono.just(w)
                : holdOf(withdrawalId)
                        .flatMap(holdId -> holds.payOut(holdId, "withdrawal:" + withdrawalId, "system:withdrawals:" + w.currency()))
                        .then(tx.transactional(db.sql("update withdrawal set status = 'completed', completed_at = now() "
                                        + "where withdrawal_id = :id and status = 'pending_approval'")
                                .bind("id", withdrawalId).fetch().rowsUpdated()))
                        .then(own(userId, withdrawalId)));
    }

    public Mono<WalletProvider.Withdrawal> get(String userId, String withdrawalId) {
        return own(userId, withdrawalId);
    }

    private Mono<WalletProvider.Withdrawal> own(String userId, String withdrawalId) {
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

    private Mono<WalletProvider.Withdrawal> byReference(String reference) {
        return db.sql(SELECT + "where reference = :ref").bind("ref", reference).map(Withdrawals::map).one();
    }

    private static final String SELECT = "select withdrawal_id, status, amount_minor, currency, external_account_id, "
            + "created_at, completed_at from withdrawal ";

    private static WalletProvider.Withdrawal map(Readable r) {
        OffsetDateTime completed = r.get("completed_at", OffsetDateTime.class);
        return new WalletProvider.Withdrawal(r.get("withdrawal_id", String.class), r.get("status", String.class),
                Money.ofMinor(r.get("amount_minor", Long.class), r.get("currency", String.class)).toDecimal(),
                r.get("currency", String.class), r.get("external_account_id", String.class),
                r.get("created_at", OffsetDateTime.class).toInstant().toString(),
                completed == null ? null : completed.toInstant().toString());
    }
}
