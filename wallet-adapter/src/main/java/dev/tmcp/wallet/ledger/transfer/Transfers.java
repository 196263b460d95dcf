package dev.tmcp.wallet.ledger.transfer;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.UserId;
import dev.tmcp.core.money.Money;
import dev.tmcp.wallet.ledger.Ledger;
import dev.tmcp.wallet.ledger.Posting;
import dev.tmcp.wallet.ledger.account.Wallet;
import dev.tmcp.wallet.ledger.account.WalletRepository;
import dev.tmcp.wallet.provider.HoldProvider.Movement;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;
import reactor.util.function.Tuples;

/**
 * Direct movements on the ledger: a P2P transfer (the sending rules of spec 6.4.3; money for a
 * pending recipient waits in their incoming account) and a merchant's refund to a payer.
 */
@Service
public class Transfers {

    private final WalletRepository wallets;
    private final Ledger ledger;
    private final TransactionalOperator tx;
    private final SpendingLimits limits;
    private final Recipients recipients;
    private final DatabaseClient db;

    Transfers(DatabaseClient db, WalletRepository wallets, Ledger ledger, TransactionalOperator tx, SpendingLimits limits,
            Recipients recipients) {
        this.db = db;
        this.wallets = wallets;
        this.ledger = ledger;
        this.tx = tx;
        this.limits = limits;
        this.recipients = recipients;
    }

    public Mono<Movement> transfer(String payerUserId, String reference, String recipientUserId, Money amount) {
        if (!UserId.isValid(recipientUserId)) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "recipient must be a Matrix user id"));
        }
        if (payerUserId.equals(recipientUserId)) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "Cannot transfer to yourself"));
        }
        Mono<Wallet> lockSender = wallets.findByUserForUpdate(payerUserId)
                .switchIfEmpty(Mono.error(new TmcpException(ErrorCode.WALLET_NOT_FOUND, "No wallet for this user")));
        Mono<Wallet> lockRecipient = recipients.lockForCredit(recipientUserId, amount.currencyCode());
        // Two opposite transfers lock the same two wallet rows: both take them in user id order, or they deadlock.
        Mono<Tuple2<Wallet, Wallet>> locked = payerUserId.compareTo(recipientUserId) < 0
                ? lockSender.zipWhen(sender -> lockRecipient)
                : lockRecipient.zipWhen(recipient -> lockSender).map(t -> Tuples.of(t.getT2(), t.getT1()));
        return tx.transactional(locked.flatMap(pair -> {
            Wallet sender = pair.getT1();
            Wallet recipient = pair.getT2();
            return ledger.find("p2p:" + reference).hasElement()
                    // A replay is answered from the ledger, whatever the limits say by now.
                    .flatMap(done -> done ? Mono.<Void>empty() : limits.check(sender, amount))
                    .then(ledger.post("p2p", "p2p:" + reference, amount, List.of(
                            new Posting(sender.accountId(), -amount.minorUnits()),
                            new Posting(recipient.creditAccountId(), amount.minorUnits()))))
                    .map(entry -> new Movement(entry.txnId(), sender.walletId(), recipient.walletId(),
                            recipient.userStatus(), amount.toDecimal(), amount.currencyCode(), null, null));
        }));
    }

    /**
     * The P2P movement made under {@code reference}, or empty: how a caller whose transfer request
     * lost its answer learns whether the money moved.
     */
    public Mono<Movement> byReference(String reference) {
        return db.sql("select t.txn_id, "
                        + "(select a.wallet_id from ledger_posting p join ledger_account a on a.account_id = p.account_id "
                        + "where p.txn_id = t.txn_id and p.amount_minor < 0 limit 1) as sender_wallet_id, "
                        + "(select a.wallet_id from ledger_posting p join ledger_account a on a.account_id = p.account_id "
                        + "where p.txn_id = t.txn_id and p.amount_minor > 0 limit 1) as recipient_wallet_id "
                        + "from ledger_transaction t where t.reference = :ref and t.kind = 'p2p'")
                .bind("ref", "p2p:" + reference)
                .map(r -> new String[] {r.get("txn_id", String.class), r.get("sender_wallet_id", String.class),
                        r.get("recipient_wallet_id", String.class)})
                .one()
                .flatMap(row -> wallets.findById(row[2])
                        .map(to -> new Movement(row[0], row[1], row[2], to.userStatus(), null, null, null, null)));
    }

    /** The movement's receiver is the recipient's wallet; what it has after is for the caller to read. */
    public Mono<Movement> refund(String reference, String merchant, String recipientUserId, Money amount) {
        if (!UserId.isValid(recipientUserId)) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "recipient must be a Matrix user id"));
        }
        return tx.transactional(wallets.findByUserForUpdate(merchant)
                .filter(w -> merchant.startsWith("ma_"))
                .switchIfEmpty(Mono.error(new TmcpException(ErrorCode.WALLET_NOT_FOUND, "No merchant wallet for " + merchant)))
                .flatMap(from -> recipients.lockForCredit(recipientUserId, amount.currencyCode())
                        .flatMap(to -> ledger.post("refund", "refund:" + reference, amount, List.of(
                                        new Posting(from.accountId(), -amount.minorUnits()),
                                        new Posting(to.creditAccountId(), amount.minorUnits())))
                                .map(entry -> new Movement(entry.txnId(), from.walletId(), to.walletId(),
                                        to.userStatus(), amount.toDecimal(), amount.currencyCode(), null, null)))));
    }
}
