package dev.tmcp.wallet.ledger.transfer;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.UserId;
import dev.tmcp.wallet.ledger.Ledger;
import dev.tmcp.wallet.ledger.account.Wallet;
import dev.tmcp.wallet.ledger.account.WalletAccounts;
import dev.tmcp.wallet.ledger.account.WalletRepository;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The receiving side of a movement: a Matrix user's wallet (created pending on first use) or a
 * mini-app's merchant wallet. The row is share-locked for the caller's transaction, so an
 * activation cannot sweep the incoming account between our status read and our credit.
 */
@Component
public class Recipients {

    private final WalletAccounts accounts;
    private final WalletRepository wallets;
    private final Ledger ledger;

    Recipients(WalletAccounts accounts, WalletRepository wallets, Ledger ledger) {
        this.accounts = accounts;
        this.wallets = wallets;
        this.ledger = ledger;
    }

    public Mono<Wallet> lockForCredit(String recipient, String currency) {
        Mono<Wallet> ensured;
        if (recipient != null && recipient.matches("ma_[A-Za-z0-9_]{1,64}")) {
            ensured = accounts.merchant(recipient);
        } else if (UserId.isValid(recipient)) {
            ensured = accounts.ensure(recipient);
        } else {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "recipient must be a Matrix user id or a mini-app id"));
        }
        return ensured.then(wallets.findByUserForShare(recipient)).flatMap(wallet -> {
            if (Wallet.SUSPENDED.equals(wallet.userStatus())) {
                return Mono.error(new TmcpException(ErrorCode.USER_SUSPENDED, "Recipient account is suspended"));
            }
            if (!wallet.currency().equals(currency)) {
                return Mono.error(new TmcpException(ErrorCode.INVALID_AMOUNT, "Recipient wallet holds " + wallet.currency()));
            }
            return Wallet.PENDING.equals(wallet.userStatus())
                    ? ledger.ensureAccount(wallet.incomingAccountId(), wallet.walletId(), "incoming", currency).thenReturn(wallet)
                    : Mono.just(wallet);
        });
    }
}
