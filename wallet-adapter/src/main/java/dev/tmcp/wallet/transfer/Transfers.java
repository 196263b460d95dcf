package dev.tmcp.wallet.transfer;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.UserId;
import dev.tmcp.core.money.Money;
import dev.tmcp.wallet.account.PinHasher;
import dev.tmcp.wallet.account.VerificationLevel;
import dev.tmcp.wallet.account.Wallet;
import dev.tmcp.wallet.account.WalletAccounts;
import dev.tmcp.wallet.account.WalletRepository;
import dev.tmcp.wallet.ledger.Ledger;
import dev.tmcp.wallet.ledger.Posting;
import dev.tmcp.wallet.roomcontext.RoomContextClient;
import dev.tmcp.wallet.security.PinAttempts;
import dev.tmcp.web.tep.TepPrincipal;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** P2P money movement on the ledger, with the account-status and limit rules of spec 6.4.3. */
@Service
class Transfers {

    private final WalletAccounts accounts;
    private final WalletRepository wallets;
    private final Ledger ledger;
    private final PinHasher pins;
    private final TransactionalOperator tx;
    private final RoomContextClient rooms;
    private final PinAttempts attempts;

    Transfers(WalletAccounts accounts, WalletRepository wallets, Ledger ledger, PinHasher pins, TransactionalOperator tx,
            RoomContextClient rooms, PinAttempts attempts) {
        this.accounts = accounts;
        this.wallets = wallets;
        this.ledger = ledger;
        this.pins = pins;
        this.tx = tx;
        this.rooms = rooms;
        this.attempts = attempts;
    }

    Mono<Void> verifyPin(TepPrincipal payer, String hashedPin) {
        String userId = payer.userId().value();
        return attempts.requireNotLocked(userId)
                .then(accounts.existing(userId))
                .flatMap(wallet -> wallet.isActive()
                        ? pins.matches(hashedPin, wallet.pinHash())
                        : Mono.error(new TmcpException(ErrorCode.P2P_SEND_NOT_ALLOWED, "Activate your account before sending money")))
                .flatMap(ok -> ok
                        ? attempts.reset(userId)
                        : attempts.recordFailure(userId).flatMap(left -> Mono.error(new TmcpException(ErrorCode.INVALID_PIN,
                                "PIN is not correct", Map.of("attempts_remaining", left)))));
    }

    Mono<Map<String, Object>> transfer(TepPrincipal payer, String reference, String recipientUserId, Money amount) {
        if (!UserId.isValid(recipientUserId)) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "recipient must be a Matrix user id"));
        }
        if (payer.userId().value().equals(recipientUserId)) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "Cannot transfer to yourself"));
        }
        // Money only goes to people the homeserver knows: a typo must not create a wallet nobody owns.
        return rooms.user(payer, recipientUserId).then(accounts.ensure(recipientUserId)).then(tx.transactional(
                wallets.findByUserForUpdate(payer.userId().value())
                        .switchIfEmpty(Mono.error(new TmcpException(ErrorCode.WALLET_NOT_FOUND, "No wallet for this user")))
                        .flatMap(sender -> checkSender(sender, amount)
                                .then(wallets.findByUser(recipientUserId))
                                .flatMap(recipient -> move(reference, sender, recipient, amount)))));
    }

    private Mono<Void> checkSender(Wallet sender, Money amount) {
        if (!sender.isActive()) {
            return Mono.error(new TmcpException(ErrorCode.P2P_SEND_NOT_ALLOWED, "Activate your account before sending money"));
        }
        if (!sender.currency().equals(amount.currencyCode())) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_AMOUNT, "This wallet holds " + sender.currency()));
        }
        VerificationLevel level = VerificationLevel.of(sender.verificationLevel());
        if (amount.minorUnits() > level.transactionLimitMinor()) {
            return Mono.error(new TmcpException(ErrorCode.AMOUNT_EXCEEDS_LIMIT, "Amount exceeds the per-transaction limit",
                    Map.of("transaction_limit", Money.ofMinor(level.transactionLimitMinor(), sender.currency()).toDecimal())));
        }
        Mono<Void> daily = ledger.sentToday(sender.accountId()).flatMap(sent -> sent + amount.minorUnits() > level.dailyLimitMinor()
                ? Mono.error(new TmcpException(ErrorCode.DAILY_LIMIT_EXCEEDED, "Daily limit reached",
                        Map.of("daily_limit", Money.ofMinor(level.dailyLimitMinor(), sender.currency()).toDecimal())))
                : Mono.empty());
        Mono<Void> monthly = ledger.sentThisMonth(sender.accountId())
                .flatMap(sent -> sent + amount.minorUnits() > level.monthlyLimitMinor()
                        ? Mono.error(new TmcpException(ErrorCode.MONTHLY_LIMIT_EXCEEDED, "Monthly limit reached",
                                Map.of("monthly_limit", Money.ofMinor(level.monthlyLimitMinor(), sender.currency()).toDecimal())))
                        : Mono.empty());
        return daily.then(monthly);
    }

    private Mono<Map<String, Object>> move(String reference, Wallet sender, Wallet recipient, Money amount) {
        if (Wallet.SUSPENDED.equals(recipient.userStatus())) {
            return Mono.error(new TmcpException(ErrorCode.USER_SUSPENDED, "Recipient account is suspended"));
        }
        if (!recipient.currency().equals(amount.currencyCode())) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_AMOUNT, "Recipient wallet holds " + recipient.currency()));
        }
        return ledger.post("p2p", "p2p:" + reference, amount, List.of(
                        new Posting(sender.accountId(), -amount.minorUnits()),
                        new Posting(recipient.accountId(), amount.minorUnits())))
                .map(entry -> Map.of("ledger_txn_id", entry.txnId(), "sender_wallet_id", sender.walletId(),
                        "recipient_wallet_id", recipient.walletId(), "recipient_status", recipient.userStatus()));
    }
}
