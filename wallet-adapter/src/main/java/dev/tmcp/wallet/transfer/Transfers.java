package dev.tmcp.wallet.transfer;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.UserId;
import dev.tmcp.core.money.Money;
import dev.tmcp.wallet.account.WalletRepository;
import dev.tmcp.wallet.ledger.Ledger;
import dev.tmcp.wallet.ledger.Posting;
import dev.tmcp.wallet.limits.SpendingLimits;
import dev.tmcp.wallet.roomcontext.RoomContextClient;
import dev.tmcp.web.tep.TepPrincipal;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Direct movements on the ledger: a P2P transfer (the sending rules of spec 6.4.3; money for a
 * pending recipient waits in their incoming account) and a merchant's refund to a payer.
 */
@Service
class Transfers {

    private final WalletRepository wallets;
    private final Ledger ledger;
    private final TransactionalOperator tx;
    private final RoomContextClient rooms;
    private final SpendingLimits limits;
    private final Recipients recipients;

    Transfers(WalletRepository wallets, Ledger ledger, TransactionalOperator tx, RoomContextClient rooms,
            SpendingLimits limits, Recipients recipients) {
        this.wallets = wallets;
        this.ledger = ledger;
        this.tx = tx;
        this.rooms = rooms;
        this.limits = limits;
        this.recipients = recipients;
    }

    Mono<Map<String, Object>> transfer(TepPrincipal payer, String reference, String recipientUserId, Money amount) {
        if (!UserId.isValid(recipientUserId)) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "recipient must be a Matrix user id"));
        }
        if (payer.userId().value().equals(recipientUserId)) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "Cannot transfer to yourself"));
        }
        // Money only goes to people the homeserver knows: a typo must not create a wallet nobody owns.
        return rooms.user(payer, recipientUserId).then(tx.transactional(
                wallets.findByUserForUpdate(payer.userId().value())
                        .switchIfEmpty(Mono.error(new TmcpException(ErrorCode.WALLET_NOT_FOUND, "No wallet for this user")))
                        .flatMap(sender -> ledger.find("p2p:" + reference).hasElement()
                                // A replay is answered from the ledger, whatever the limits say by now.
                                .flatMap(done -> done ? Mono.<Void>empty() : limits.check(sender, amount))
                                .then(recipients.lockForCredit(recipientUserId, amount.currencyCode()))
                                .flatMap(recipient -> ledger.post("p2p", "p2p:" + reference, amount, List.of(
                                                new Posting(sender.accountId(), -amount.minorUnits()),
                                                new Posting(recipient.creditAccountId(), amount.minorUnits())))
                                        .map(entry -> Map.<String, Object>of("ledger_txn_id", entry.txnId(),
                                                "sender_wallet_id", sender.walletId(),
                                                "recipient_wallet_id", recipient.walletId(),
                                                "recipient_status", recipient.userStatus()))))));
    }

    Mono<Map<String, Object>> refund(String reference, String merchant, String recipientUserId, Money amount) {
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
                                .map(entry -> Map.<String, Object>of("ledger_txn_id", entry.txnId(),
                                        "recipient_wallet_id", to.walletId())))));
    }
}
