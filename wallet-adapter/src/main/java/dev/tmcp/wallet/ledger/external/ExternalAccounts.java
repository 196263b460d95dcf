package dev.tmcp.wallet.ledger.external;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.Ids;
import dev.tmcp.core.money.Money;
import dev.tmcp.wallet.WalletProperties;
import dev.tmcp.wallet.ledger.Ledger;
import dev.tmcp.wallet.ledger.Posting;
import dev.tmcp.wallet.ledger.account.Wallet;
import dev.tmcp.wallet.ledger.account.WalletAccounts;
import dev.tmcp.wallet.provider.ExternalProvider.ExternalAccount;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * External funding sources. The only account type the built-in ledger can move real ledger money
 * from is {@code sandbox}, a system account that exists only while the sandbox flag is on; bank,
 * card and mobile-money types belong to an operator's wallet behind the HTTP provider.
 */
@Service
public class ExternalAccounts {

    static final String SANDBOX = "sandbox";

    private final DatabaseClient db;
    private final WalletAccounts wallets;
    private final Ledger ledger;
    private final TransactionalOperator tx;
    private final WalletProperties properties;

    ExternalAccounts(DatabaseClient db, WalletAccounts wallets, Ledger ledger, TransactionalOperator tx,
            WalletProperties properties) {
        this.db = db;
        this.wallets = wallets;
        this.ledger = ledger;
        this.tx = tx;
        this.properties = properties;
    }

    public Mono<ExternalAccount> link(String userId, String type) {
        if (!SANDBOX.equals(type)) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST,
                    "Account type " + type + " is not supported by this wallet provider"));
        }
        if (!properties.sandboxEnabled()) {
            return Mono.error(new TmcpException(ErrorCode.SANDBOX_DISABLED, "Sandbox accounts are disabled on this server"));
        }
        String id = Ids.next("ext_");
        return wallets.ensure(userId)
                .flatMap(wallet -> db.sql("insert into external_account (external_account_id, wallet_id, type, status) "
                                + "values (:id, :wallet, :type, 'verified')")
                        .bind("id", id).bind("wallet", wallet.walletId()).bind("type", type)
                        .fetch().rowsUpdated()
                        .thenReturn(new ExternalAccount(id, type, "verified")));
    }

    /** Emits the ledger entry and the funded wallet. */
    public Mono<reactor.util.function.Tuple2<dev.tmcp.wallet.ledger.LedgerEntry, Wallet>> fund(String userId,
            String sourceAccountId, Money amount, String idempotencyKey) {
        if (!properties.sandboxEnabled()) {
            return Mono.error(new TmcpException(ErrorCode.SANDBOX_DISABLED, "Sandbox accounts are disabled on this server"));
        }
        return wallets.existing(userId)
                .flatMap(wallet -> requireOwnAccount(wallet, sourceAccountId)
                        .then(Mono.defer(() -> wallet.currency().equals(amount.currencyCode())
                                ? Mono.just(wallet)
                                : Mono.error(new TmcpException(ErrorCode.INVALID_AMOUNT,
                                        "This wallet holds " + wallet.currency())))))
                .flatMap(wallet -> {
                    String source = "system:sandbox:" + amount.currencyCode();
                    String reference = "fund:" + wallet.walletId() + ":" + idempotencyKey;
                    return tx.transactional(ledger.ensureSystemAccount(source, amount.currencyCode())
                                    .then(ledger.post("funding", reference, amount, List.of(
                                            new Posting(source, -amount.minorUnits()),
                                            new Posting(wallet.accountId(), amount.minorUnits())))))
                            .map(entry -> reactor.util.function.Tuples.of(entry, wallet));
                });
    }

    /** Sandbox accounts are verified when linked; anything else is not ours to verify. */
    public Mono<ExternalAccount> verify(String userId, String externalAccountId) {
        return wallets.existing(userId)
                .flatMap(wallet -> requireOwnAccount(wallet, externalAccountId))
                .thenReturn(new ExternalAccount(externalAccountId, SANDBOX, "verified"));
    }

    public Mono<Void> requireOwnAccount(Wallet wallet, String externalAccountId) {
        return db.sql("select type from external_account where external_account_id = :id and wallet_id = :wallet")
                .bind("id", externalAccountId).bind("wallet", wallet.walletId())
                .map(r -> r.get("type", String.class))
                .one()
                .switchIfEmpty(Mono.error(new TmcpException(ErrorCode.NOT_FOUND, "No such linked account")))
                .flatMap(type -> SANDBOX.equals(type) ? Mono.<Void>empty()
                        : Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "This account cannot fund wallets here")));
    }
}
