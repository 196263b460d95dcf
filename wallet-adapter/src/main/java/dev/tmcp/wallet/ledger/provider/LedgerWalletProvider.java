package dev.tmcp.wallet.ledger.provider;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.money.Money;
import dev.tmcp.wallet.WalletProperties;
import dev.tmcp.wallet.ledger.Ledger;
import dev.tmcp.wallet.ledger.account.ActivationService;
import dev.tmcp.wallet.ledger.account.VerificationLevel;
import dev.tmcp.wallet.ledger.account.Wallet;
import dev.tmcp.wallet.ledger.account.WalletAccounts;
import dev.tmcp.wallet.ledger.account.WalletRepository;
import dev.tmcp.wallet.ledger.external.ExternalAccounts;
import dev.tmcp.wallet.ledger.history.TransactionHistory;
import dev.tmcp.wallet.ledger.hold.Holds;
import dev.tmcp.wallet.ledger.mfa.MfaChallenges;
import dev.tmcp.wallet.ledger.proof.AuthProofs;
import dev.tmcp.wallet.ledger.transfer.Transfers;
import dev.tmcp.wallet.ledger.withdrawal.Withdrawals;
import dev.tmcp.wallet.provider.HoldProvider;
import dev.tmcp.wallet.provider.WalletProvider;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The built-in Wallet Service: the double-entry ledger in wallet-adapter's own PostgreSQL database. */
public class LedgerWalletProvider implements WalletProvider {

    private final WalletAccounts accounts;
    private final WalletRepository wallets;
    private final Ledger ledger;
    private final ActivationService activation;
    private final TransactionHistory history;
    private final AuthProofs proofs;
    private final Holds holds;
    private final Transfers transfers;
    private final ExternalAccounts external;
    private final Withdrawals withdrawals;
    private final WalletProperties properties;
    private final MfaChallenges challenges;

    public LedgerWalletProvider(WalletAccounts accounts, WalletRepository wallets, Ledger ledger,
            ActivationService activation, TransactionHistory history, AuthProofs proofs, Holds holds, Transfers transfers,
            ExternalAccounts external, Withdrawals withdrawals, MfaChallenges challenges, WalletProperties properties) {
        this.challenges = challenges;
        this.accounts = accounts;
        this.wallets = wallets;
        this.ledger = ledger;
        this.activation = activation;
        this.history = history;
        this.proofs = proofs;
        this.holds = holds;
        this.transfers = transfers;
        this.external = external;
        this.withdrawals = withdrawals;
        this.properties = properties;
    }

    static Account account(Wallet w) {
        return new Account(w.walletId(), w.userId(), w.userStatus(), "active", w.currency(), w.verificationLevel(),
                w.isActive(), w.activatedAt() == null ? null : w.activatedAt().toString(), w.createdAt().toString());
    }

    @Override
    public Mono<Account> ensureAccount(String userId) {
        return accounts.ensure(userId).map(LedgerWalletProvider::account);
    }

    @Override
    public Mono<Account> account(String userId) {
        return wallets.findByUser(userId).map(LedgerWalletProvider::account);
    }

    @Override
    public Mono<List<Account>> accounts(List<String> userIds) {
        return Flux.fromIterable(userIds).concatMap(this::account).collectList();
    }

    @Override
    public Mono<Account> register(String userId, String currency, BigDecimal dailyLimit) {
        if (currency != null && !currency.equals(properties.defaultCurrency())) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_AMOUNT,
                    "This wallet service keeps " + properties.defaultCurrency() + " wallets"));
        }
        return accounts.ensure(userId).flatMap(wallet -> dailyLimit == null ? Mono.just(wallet)
                : wallets.lowerDailyLimit(wallet.walletId(), Money.parsePositive(dailyLimit, wallet.currency()).minorUnits())
                        .then(wallets.findByUser(userId)))
                .map(LedgerWalletProvider::account);
    }

    @Override
    public Mono<Activation> activate(String userId, ActivationData data) {
        return activation.activate(userId, data.pin(), data.termsVersion(), data.deviceId(), data.publicKey())
                .flatMap(wallet -> balance(userId).map(balance -> {
                    Money bonus = activation.activationBonus(wallet.currency());
                    return new Activation(account(wallet), balance, bonus.minorUnits() > 0 ? bonus.toDecimal() : null);
                }));
    }

    @Override
    public Mono<Balance> balance(String userId) {
        return accounts.ensure(userId).flatMap(this::balance);
    }

    private Mono<Balance> balance(Wallet w) {
        return ledger.figures(w.accountId(), w.walletId())
                .map(f -> new Balance(w.walletId(), w.userId(), w.userStatus(), decimal(f.balance(), w),
                        decimal(f.pending(), w), w.currency(), w.verificationLevel(), decimal(f.sentToday(), w)));
    }

    /** One read of the wallet row for both: two statements in all. */
    @Override
    public Mono<BalanceWithVerification> balanceWithVerification(String userId) {
        return accounts.ensure(userId)
                .flatMap(w -> balance(w).map(b -> new BalanceWithVerification(b, verification(w))));
    }

    @Override
    public Mono<HistoryPage> history(String userId, int limit, int offset) {
        return accounts.ensure(userId).flatMap(w -> history.page(w, limit, offset))
                .map(page -> new HistoryPage(page.transactions(), page.total()));
    }

    @Override
    public Mono<Verification> verification(String userId) {
        return accounts.ensure(userId).map(LedgerWalletProvider::verification);
    }

    private static Verification verification(Wallet w) {
        VerificationLevel level = VerificationLevel.of(w.verificationLevel());
        return new Verification(level.level(), level.displayName(),
                w.activatedAt() == null ? null : w.activatedAt().toString(),
                decimal(w.dailyLimitMinor(level.dailyLimitMinor()), w), decimal(level.transactionLimitMinor(), w),
                decimal(level.monthlyLimitMinor(), w), w.currency(), w.isActive() && level.p2pSend(),
                level.canUpgrade(), level.features());
    }

    @Override
    public Mono<AuthPolicy> authPolicy(String userId, Money amount) {
        return accounts.ensure(userId).zipWith(proofs.methods(userId)).map(t -> {
            List<String> methods = t.getT2();
            VerificationLevel level = VerificationLevel.of(t.getT1().verificationLevel());
            long threshold = properties.acceptanceThreshold() == null ? 0
                    : Money.parse(properties.acceptanceThreshold(), amount.currencyCode()).minorUnits();
            return new AuthPolicy(methods, methods.isEmpty() ? null : methods.get(0),
                    threshold > 0 && amount.minorUnits() >= threshold, amount.minorUnits() > level.transactionLimitMinor());
        });
    }

    @Override
    public Mono<String> verifyProof(String userId, String method, Map<String, Object> proof, String message) {
        return proofs.verify(userId, method, proof, message);
    }

    @Override
    public Mono<String> enrollTotp(String userId) {
        return accounts.existing(userId).flatMap(w -> proofs.enrollTotp(w.walletId()));
    }

    @Override
    public Mono<HoldProvider.Hold> hold(String userId, String reference, Money amount, String purpose) {
        return holds.hold(userId, reference, amount, purpose)
                .flatMap(h -> ledger.balance(accountOf(h)).map(available -> hold(h, Money.ofMinor(available,
                        h.amount().currencyCode()).toDecimal())));
    }

    @Override
    public Mono<HoldProvider.Hold> getHold(String holdId) {
        return holds.get(holdId).map(h -> hold(h, null));
    }

    @Override
    public Mono<HoldProvider.Hold> holdByReference(String reference) {
        return holds.byReference(reference).map(h -> hold(h, null));
    }

    static HoldProvider.Hold hold(dev.tmcp.wallet.ledger.hold.Hold h, BigDecimal availableAfter) {
        return new HoldProvider.Hold(h.holdId(), h.ownerUserId(), h.walletId(), h.purpose(), h.amount().toDecimal(),
                Money.ofMinor(h.remainingMinor(), h.amount().currencyCode()).toDecimal(), h.amount().currencyCode(),
                h.status(), availableAfter);
    }

    private static String accountOf(dev.tmcp.wallet.ledger.hold.Hold h) {
        return Wallet.accountId(h.walletId(), h.amount().currencyCode());
    }

    @Override
    public Mono<Movement> capture(String holdId, String reference, String recipient, Money amount) {
        return holds.capture(holdId, reference, recipient, amount);
    }

    @Override
    public Mono<Movement> release(String holdId, String reference, Money amount) {
        return holds.release(holdId, reference, amount);
    }

    @Override
    public Mono<Movement> transfer(String fromUserId, String reference, String toUserId, Money amount) {
        return transfers.transfer(fromUserId, reference, toUserId, amount);
    }

    @Override
    public Mono<Movement> transferByReference(String reference) {
        return transfers.byReference(reference);
    }

    @Override
    public Mono<Movement> refund(String reference, String merchant, String recipient, Money amount) {
        return transfers.refund(reference, merchant, recipient, amount)
                .flatMap(m -> wallets.findByUser(recipient).flatMap(to -> ledger.balance(to.accountId()).map(available -> new Movement(
                        m.ledgerTxnId(), null, to.walletId(), to.userStatus(), amount.toDecimal(),
                        amount.currencyCode(), null, decimal(available, to)))));
    }

    @Override
    public Mono<ExternalAccount> linkExternal(String userId, String type) {
        return external.link(userId, type);
    }

    @Override
    public Mono<ExternalAccount> verifyExternal(String userId, String externalAccountId, Map<String, Object> data) {
        return external.verify(userId, externalAccountId);
    }

    @Override
    public Mono<Movement> fund(String userId, String sourceAccountId, Money amount, String reference) {
        return external.fund(userId, sourceAccountId, amount, reference).map(t -> new Movement(t.getT1().txnId(), null,
                t.getT2().walletId(), t.getT2().userStatus(), amount.toDecimal(), amount.currencyCode(), null, null));
    }

    @Override
    public Mono<Withdrawal> initiateWithdrawal(String userId, String destinationAccountId, Money amount, String reference) {
        return withdrawals.initiate(userId, destinationAccountId, amount, reference);
    }

    @Override
    public Mono<Withdrawal> approveWithdrawal(String userId, String withdrawalId) {
        return withdrawals.approve(userId, withdrawalId);
    }

    @Override
    public Mono<Withdrawal> withdrawal(String userId, String withdrawalId) {
        return withdrawals.get(userId, withdrawalId);
    }

    @Override
    public Mono<Withdrawal> cancelWithdrawal(String userId, String withdrawalId) {
        return withdrawals.cancel(userId, withdrawalId);
    }

    @Override
    public Mono<MfaChallenge> mfaChallenge(String userId, String reference, Money amount) {
        return challenges.create(userId, reference, amount);
    }

    @Override
    public Mono<MfaChallenge> mfaVerify(String userId, String challengeId, String method, Map<String, Object> credentials) {
        return challenges.verify(userId, challengeId, method, credentials);
    }

    private static BigDecimal decimal(long minor, Wallet wallet) {
        return Money.ofMinor(minor, wallet.currency()).toDecimal();
    }
}
