package dev.tmcp.wallet.ledger.hold;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.Ids;
import dev.tmcp.core.money.Money;
import dev.tmcp.wallet.ledger.Ledger;
import dev.tmcp.wallet.ledger.LedgerEntry;
import dev.tmcp.wallet.ledger.Posting;
import dev.tmcp.wallet.ledger.account.Wallet;
import dev.tmcp.wallet.ledger.account.WalletRepository;
import dev.tmcp.wallet.ledger.transfer.Recipients;
import dev.tmcp.wallet.ledger.transfer.SpendingLimits;
import dev.tmcp.wallet.provider.HoldProvider.Movement;
import dev.tmcp.web.idempotency.Idempotent;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Holds on the ledger: the payer's money moves into an account of the hold's own, then out of it
 * to recipients (capture) or back to the payer (release). The hold account can never go below zero,
 * so no sequence of captures and releases spends more than was held; every step is one balanced
 * ledger transaction under its caller's reference, so a retried step moves nothing twice.
 */
@Service
public class Holds {

    private final HoldRepository holds;
    private final WalletRepository wallets;
    private final Ledger ledger;
    private final SpendingLimits limits;
    private final Recipients recipients;
    private final TransactionalOperator tx;

    Holds(HoldRepository holds, WalletRepository wallets, Ledger ledger, SpendingLimits limits, Recipients recipients,
            TransactionalOperator tx) {
        this.holds = holds;
        this.wallets = wallets;
        this.ledger = ledger;
        this.limits = limits;
        this.recipients = recipients;
        this.tx = tx;
    }

    public Mono<Hold> hold(String payerUserId, String reference, Money amount, String purpose) {
        if (!Hold.PURPOSES.contains(purpose)) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "purpose must be one of " + Hold.PURPOSES));
        }
        return tx.transactional(wallets.findByUserForUpdate(payerUserId)
                .switchIfEmpty(Mono.error(new TmcpException(ErrorCode.WALLET_NOT_FOUND, "No wallet for this user")))
                .flatMap(payer -> Idempotent.replayOrCreate(holds.byReference(reference),
                        existing -> existing.walletId().equals(payer.walletId()) && existing.amount().equals(amount)
                                && existing.purpose().equals(purpose),
                        "This reference was used for a different hold",
                        () -> newHold(payer, reference, amount, purpose))));
    }

    private Mono<Hold> newHold(Wallet payer, String reference, Money amount, String purpose) {
        String holdId = Ids.next("hold_");
        String account = Hold.accountId(holdId);
        return limits.check(payer, amount)
                .then(holds.insert(holdId, reference, payer.walletId(), purpose, amount))
                .then(ledger.ensureAccount(account, payer.walletId(), "hold", amount.currencyCode()))
                .then(ledger.post("hold", "hold:" + reference, amount, List.of(
                        new Posting(payer.accountId(), -amount.minorUnits()), new Posting(account, amount.minorUnits()))))
                .then(holds.byId(holdId));
    }

    public Mono<Hold> byReference(String reference) {
        return holds.byReference(reference);
    }

    public Mono<Hold> get(String holdId) {
        return holds.byId(holdId).switchIfEmpty(Mono.error(notFound()));
    }

    /** Pays part of the hold to a user (their balance, or incoming while pending) or a mini-app's merchant wallet. */
    public Mono<Movement> capture(String holdId, String reference, String recipient, Money amount) {
        return tx.transactional(holds.lock(holdId).switchIfEmpty(Mono.error(notFound()))
                .flatMap(hold -> sameCurrency(hold, amount)
                        .then(recipients.lockForCredit(recipient, amount.currencyCode()))
                        .flatMap(to -> ledger.post("capture", "capture:" + reference, amount, List.of(
                                        new Posting(hold.accountId(), -amount.minorUnits()),
                                        new Posting(to.creditAccountId(), amount.minorUnits())))
                                .onErrorMap(e -> e instanceof TmcpException t && t.code() == ErrorCode.INSUFFICIENT_FUNDS,
                                        e -> exhausted(hold))
                                .flatMap(entry -> holds.byId(holdId).map(after -> new Movement(entry.txnId(), null,
                                        to.walletId(), to.userStatus(), amount.toDecimal(), amount.currencyCode(),
                                        Money.ofMinor(after.remainingMinor(), amount.currencyCode()).toDecimal(), null))))));
    }

    /**
     * Gives the hold back to its owner: {@code amount}, or all that remains when null. A retry answers
     * the first release; the same reference with another amount is refused.
     */
    public Mono<Movement> release(String holdId, String reference, Money amount) {
        String ledgerReference = "release:" + reference;
        return tx.transactional(holds.lock(holdId).switchIfEmpty(Mono.error(notFound()))
                .flatMap(hold -> ledger.find(ledgerReference)
                        .flatMap(done -> amount != null && (done.amountMinor() != amount.minorUnits()
                                || !done.currency().equals(amount.currencyCode()))
                                ? Mono.<Movement>error(new TmcpException(ErrorCode.DUPLICATE_TRANSACTION,
                                        "This reference was used for a different release"))
                                : Mono.just(released(done, hold)))
                        .switchIfEmpty(Mono.defer(() -> {
                            Money toRelease = amount != null ? amount : Money.ofMinor(hold.remainingMinor(), hold.amount().currencyCode());
                            if (toRelease.minorUnits() == 0) {
                                return Mono.just(released(null, hold));
                            }
                            return sameCurrency(hold, toRelease)
                                    .then(wallets.findById(hold.walletId()))
                                    .flatMap(owner -> ledger.post("release", ledgerReference, toRelease, List.of(
                                            new Posting(hold.accountId(), -toRelease.minorUnits()),
                                            new Posting(owner.accountId(), toRelease.minorUnits()))))
                                    .onErrorMap(e -> e instanceof TmcpException t && t.code() == ErrorCode.INSUFFICIENT_FUNDS,
                                            e -> exhausted(hold))
                                    .flatMap(entry -> holds.byId(holdId).map(after -> released(entry, after)));
                        }))));
    }

    /** Everything that remains leaves the ledger to a system account (a withdrawal paid out). */
    public Mono<LedgerEntry> payOut(String holdId, String reference, String systemAccount) {
        return tx.transactional(holds.lock(holdId).switchIfEmpty(Mono.error(notFound()))
                .flatMap(hold -> ledger.find(reference).switchIfEmpty(Mono.defer(() -> {
                    Money all = Money.ofMinor(hold.remainingMinor(), hold.amount().currencyCode());
                    if (all.minorUnits() == 0) {
                        return Mono.error(exhausted(hold));
                    }
                    return ledger.ensureSystemAccount(systemAccount, all.currencyCode())
                            .then(ledger.post("withdrawal", reference, all, List.of(
                                    new Posting(hold.accountId(), -all.minorUnits()),
                                    new Posting(systemAccount, all.minorUnits()))));
                }))));
    }

    /** Without an entry when nothing was left to release. */
    private static Movement released(LedgerEntry entry, Hold hold) {
        String currency = hold.amount().currencyCode();
        return new Movement(entry == null ? null : entry.txnId(), null, null, null,
                Money.ofMinor(entry == null ? 0 : entry.amountMinor(), currency).toDecimal(), null,
                Money.ofMinor(hold.remainingMinor(), currency).toDecimal(), null);
    }

    private static Mono<Void> sameCurrency(Hold hold, Money amount) {
        return hold.amount().currencyCode().equals(amount.currencyCode()) ? Mono.empty()
                : Mono.error(new TmcpException(ErrorCode.INVALID_AMOUNT, "This hold is in " + hold.amount().currencyCode()));
    }

    private static TmcpException exhausted(Hold hold) {
        return new TmcpException(ErrorCode.INVALID_STATE, "The hold has less left than asked",
                Map.of("remaining", Money.ofMinor(hold.remainingMinor(), hold.amount().currencyCode()).toDecimal()));
    }

    private static TmcpException notFound() {
        return new TmcpException(ErrorCode.NOT_FOUND, "No such hold");
    }
}
