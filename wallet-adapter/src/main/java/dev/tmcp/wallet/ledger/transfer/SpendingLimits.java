package dev.tmcp.wallet.ledger.transfer;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.money.Money;
import dev.tmcp.wallet.ledger.Ledger;
import dev.tmcp.wallet.ledger.account.VerificationLevel;
import dev.tmcp.wallet.ledger.account.Wallet;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The sending rules of spec 6.4.3 for money leaving a wallet: an active account in the wallet's
 * currency, within the per-transaction, daily and monthly limits of its verification level.
 * Call with the wallet row locked, so two concurrent payments cannot both fit under one limit.
 */
@Component
public class SpendingLimits {

    private final Ledger ledger;

    SpendingLimits(Ledger ledger) {
        this.ledger = ledger;
    }

    public Mono<Void> check(Wallet sender, Money amount) {
        if (!sender.isActive()) {
            return Mono.error(new TmcpException(ErrorCode.P2P_SEND_NOT_ALLOWED, "Activate your account before sending money"));
        }
        if (!sender.currency().equals(amount.currencyCode())) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_AMOUNT, "This wallet holds " + sender.currency()));
        }
        VerificationLevel level = VerificationLevel.of(sender.verificationLevel());
        if (amount.minorUnits() > level.transactionLimitMinor()) {
            return Mono.error(new TmcpException(ErrorCode.AMOUNT_EXCEEDS_LIMIT, "Amount exceeds the per-transaction limit",
                    Map.of("transaction_limit", decimal(level.transactionLimitMinor(), sender))));
        }
        long dailyLimit = sender.dailyLimitMinor(level.dailyLimitMinor());
        Mono<Void> daily = ledger.sentToday(sender.accountId()).flatMap(sent -> sent + amount.minorUnits() > dailyLimit
                ? Mono.error(new TmcpException(ErrorCode.DAILY_LIMIT_EXCEEDED, "Daily limit reached",
                        Map.of("daily_limit", decimal(dailyLimit, sender))))
                : Mono.empty());
        Mono<Void> monthly = ledger.sentThisMonth(sender.accountId())
                .flatMap(sent -> sent + amount.minorUnits() > level.monthlyLimitMinor()
                        ? Mono.error(new TmcpException(ErrorCode.MONTHLY_LIMIT_EXCEEDED, "Monthly limit reached",
                                Map.of("monthly_limit", decimal(level.monthlyLimitMinor(), sender))))
                        : Mono.empty());
        return daily.then(monthly);
    }

    private static java.math.BigDecimal decimal(long minor, Wallet wallet) {
        return Money.ofMinor(minor, wallet.currency()).toDecimal();
    }
}
