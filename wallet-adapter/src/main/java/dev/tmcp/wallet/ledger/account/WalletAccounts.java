package dev.tmcp.wallet.ledger.account;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.wallet.WalletProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Every Matrix user has a wallet: this creates it (pending) the first time anyone needs it. */
@Service
public class WalletAccounts {

    private final WalletRepository wallets;
    private final TransactionalOperator tx;
    private final WalletProperties properties;

    WalletAccounts(WalletRepository wallets, TransactionalOperator tx, WalletProperties properties) {
        this.wallets = wallets;
        this.tx = tx;
        this.properties = properties;
    }

    public Mono<Wallet> ensure(String userId) {
        return wallets.findByUser(userId)
                .switchIfEmpty(Mono.defer(() -> tx.transactional(wallets.ensure(userId, properties.defaultCurrency()))));
    }

    /** A mini-app's merchant wallet, created on first use. */
    public Mono<Wallet> merchant(String miniappId) {
        return wallets.findByUser(miniappId)
                .switchIfEmpty(Mono.defer(() -> tx.transactional(wallets.ensureMerchant(miniappId, properties.defaultCurrency()))));
    }

    public Mono<Wallet> existing(String userId) {
        return wallets.findByUser(userId)
                .switchIfEmpty(Mono.error(new TmcpException(ErrorCode.WALLET_NOT_FOUND, "No wallet for this user")));
    }
}
