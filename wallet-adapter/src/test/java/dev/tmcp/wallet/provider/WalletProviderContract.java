package dev.tmcp.wallet.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tmcp.core.crypto.Digests;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.money.Money;
import dev.tmcp.test.TestInfrastructure;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What every Wallet Service must do for the suite, run against each provider: the built-in ledger
 * directly, and the HTTP provider talking to that ledger through the published REST contract
 * (docs/wallet-provider-openapi.yaml) over real HTTP. Money is checked by what users can observe:
 * balances, pending amounts, errors.
 */
abstract class WalletProviderContract {

    static final String PIN = "482913";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.database(registry);
    }

    abstract WalletProvider provider();

    private String alice;
    private String bob;
    private String run;

    @BeforeEach
    void users() {
        run = UUID.randomUUID().toString().substring(0, 8);
        alice = "@alice" + run + ":contract.test";
        bob = "@bob" + run + ":contract.test";
    }

    @Test
    void accountsAreCreatedPendingOnceAndQueriedSinglyOrInBatch() {
        AccountProvider.Account created = provider().ensureAccount(alice).block();
        AccountProvider.Account again = provider().ensureAccount(alice).block();

        assertThat(created.userStatus()).isEqualTo("pending");
        assertThat(created.walletStatus()).isEqualTo("active");
        assertThat(created.paymentEnabled()).isFalse();
        assertThat(created.walletId()).startsWith("tw_").isEqualTo(again.walletId());
        assertThat(provider().account(bob).blockOptional()).isEmpty();
        assertThat(provider().accounts(List.of(alice, bob)).block()).extracting(AccountProvider.Account::userId)
                .containsExactly(alice);
    }

    @Test
    void activationEnforcesPinStrengthAndHappensOnce() {
        assertError(() -> provider().activate(alice, activation("123456")).block(), ErrorCode.WEAK_PIN);
        AccountProvider.Activation activated = provider().activate(alice, activation(PIN)).block();

        assertThat(activated.account().userStatus()).isEqualTo("active");
        assertThat(activated.account().paymentEnabled()).isTrue();
        assertThat(provider().authPolicy(alice, usd("10.00")).block().availableMethods()).containsExactly("pin");
        assertError(() -> provider().activate(alice, activation(PIN)).block(), ErrorCode.ALREADY_ACTIVATED);
        assertThat(provider().verifyProof(alice, "pin", Map.of("hashed_pin", Digests.sha256Hex(PIN)), null).block())
                .isEqualTo("pin");
        assertError(() -> provider().verifyProof(alice, "pin", Map.of("hashed_pin", Digests.sha256Hex("000000")), null)
                .block(), ErrorCode.INVALID_PIN);
    }

    @Test
    void fundingTransfersAndTheirRetriesMoveMoneyOnce() {
        activeAndFunded(alice, "100.00");
        provider().activate(bob, activation(PIN)).block();

        HoldProvider.Movement first = provider().transfer(alice, "t-" + run, bob, usd("30.00")).block();
        HoldProvider.Movement retry = provider().transfer(alice, "t-" + run, bob, usd("30.00")).block();

        assertThat(retry.ledgerTxnId()).isEqualTo(first.ledgerTxnId());
        assertThat(available(alice)).isEqualByComparingTo("70.00");
        assertThat(available(bob)).isEqualByComparingTo("30.00");
        assertError(() -> provider().transfer(alice, "t-" + run, bob, usd("31.00")).block(), ErrorCode.DUPLICATE_TRANSACTION);
        assertError(() -> provider().transfer(alice, "big-" + run, bob, usd("70.01")).block(), ErrorCode.INSUFFICIENT_FUNDS);
        assertError(() -> provider().transfer(alice, "lim-" + run, bob, usd("1000.01")).block(),
                ErrorCode.AMOUNT_EXCEEDS_LIMIT);
        assertThat(available(alice)).isEqualByComparingTo("70.00");
    }

    @Test
    void moneyForAPendingUserWaitsUntilTheyActivate() {
        activeAndFunded(alice, "50.00");
        HoldProvider.Movement sent = provider().transfer(alice, "p-" + run, bob, usd("20.00")).block();

        assertThat(sent.toStatus()).isEqualTo("pending");
        assertThat(available(bob)).isEqualByComparingTo("0");
        assertThat(provider().balance(bob).block().pending()).isEqualByComparingTo("20.00");
        AccountProvider.Activation activated = provider().activate(bob, activation(PIN)).block();
        assertThat(activated.balance().available()).isEqualByComparingTo("20.00");
        assertThat(activated.balance().pending()).isEqualByComparingTo("0");
    }

    @Test
    void aBalanceReadWithVerificationShowsWhatTheTwoReadsShow() {
        activeAndFunded(alice, "100.00");
        provider().transfer(alice, "bv-" + run, bob, usd("30.00")).block();
        provider().hold(alice, "bvh-" + run, usd("10.00"), "gift").block();

        AccountProvider.BalanceWithVerification both = provider().balanceWithVerification(alice).block();

        assertThat(both.balance()).isEqualTo(provider().balance(alice).block());
        assertThat(both.verification()).isEqualTo(provider().verification(alice).block());
        assertThat(both.balance().available()).isEqualByComparingTo("60.00");
        assertThat(both.balance().pending()).isEqualByComparingTo("10.00");
        assertThat(both.balance().sentToday()).isEqualByComparingTo("40.00");
    }

    @Test
    void holdsAreCapturedReleasedAndNeverOverspent() {
        activeAndFunded(alice, "100.00");
        provider().activate(bob, activation(PIN)).block();
        HoldProvider.Hold hold = provider().hold(alice, "h-" + run, usd("40.00"), "gift").block();

        assertThat(provider().balance(alice).block().pending()).isEqualByComparingTo("40.00");
        assertThat(provider().holdByReference("h-" + run).block().holdId()).as("found again by reference")
                .isEqualTo(hold.holdId());
        assertThat(provider().holdByReference("never-" + run).blockOptional()).isEmpty();
        assertThat(provider().capture(hold.holdId(), "c1-" + run, bob, usd("15.00")).block().remaining())
                .isEqualByComparingTo("25.00");
        assertError(() -> provider().capture(hold.holdId(), "c2-" + run, bob, usd("25.01")).block(), ErrorCode.INVALID_STATE);
        assertThat(provider().release(hold.holdId(), "r-" + run, null).block().amount()).isEqualByComparingTo("25.00");
        assertThat(provider().release(hold.holdId(), "r-" + run, null).block().amount())
                .as("a retried release reports the first").isEqualByComparingTo("25.00");

        assertThat(provider().getHold(hold.holdId()).block().status()).isEqualTo("settled");
        assertThat(available(alice)).isEqualByComparingTo("85.00");
        assertThat(available(bob)).isEqualByComparingTo("15.00");
        assertThat(provider().balance(alice).block().pending()).isEqualByComparingTo("0");
    }

    @Test
    void aMerchantRefundsWhatItWasPaid() {
        activeAndFunded(alice, "60.00");
        String merchant = "ma_contract_" + run.replace('-', '_');
        HoldProvider.Hold hold = provider().hold(alice, "pay-" + run, usd("45.00"), "payment").block();
        provider().capture(hold.holdId(), "pay-" + run, merchant, usd("45.00")).block();
        provider().refund("refund-" + run, merchant, alice, usd("20.00")).block();

        assertThat(available(alice)).isEqualByComparingTo("35.00");
        assertError(() -> provider().refund("refund2-" + run, merchant, alice, usd("25.01")).block(),
                ErrorCode.INSUFFICIENT_FUNDS);
    }

    @Test
    void aWithdrawalIsHeldThenPaidOutOnceAndBalancesStayTrue() {
        String source = activeAndFunded(alice, "80.00");
        ExternalProvider.Withdrawal initiated = provider().initiateWithdrawal(alice, source, usd("30.00"), "w-" + run).block();

        assertThat(initiated.status()).isEqualTo("pending_approval");
        assertThat(provider().balance(alice).block().pending()).isEqualByComparingTo("30.00");
        assertThat(provider().approveWithdrawal(alice, initiated.withdrawalId()).block().status()).isEqualTo("completed");
        assertThat(provider().approveWithdrawal(alice, initiated.withdrawalId()).block().status()).isEqualTo("completed");
        assertThat(provider().withdrawal(alice, initiated.withdrawalId()).block().completedAt()).isNotNull();

        AccountProvider.Balance after = provider().balance(alice).block();
        assertThat(after.available().add(after.pending())).as("funded 80, withdrew 30").isEqualByComparingTo("50.00");
        assertError(() -> provider().withdrawal(bob, initiated.withdrawalId()).block(), ErrorCode.WALLET_NOT_FOUND);
    }

    @Test
    void aWithdrawalAwaitingApprovalIsCancelledAndItsMoneyReturns() {
        String source = activeAndFunded(alice, "40.00");
        ExternalProvider.Withdrawal initiated = provider().initiateWithdrawal(alice, source, usd("15.00"), "wc-" + run).block();

        assertThat(provider().cancelWithdrawal(alice, initiated.withdrawalId()).block().status()).isEqualTo("cancelled");

        assertThat(available(alice)).isEqualByComparingTo("40.00");
        assertThat(provider().balance(alice).block().pending()).isEqualByComparingTo("0");
        assertError(() -> provider().approveWithdrawal(alice, initiated.withdrawalId()).block(), ErrorCode.INVALID_STATE);
    }

    @Test
    void aTransferIsFoundByItsReference() {
        activeAndFunded(alice, "20.00");
        provider().transfer(alice, "tr-" + run, bob, usd("5.00")).block();

        assertThat(provider().transferByReference("tr-" + run).block().toWalletId())
                .isEqualTo(provider().account(bob).block().walletId());
        assertThat(provider().transferByReference("none-" + run).blockOptional()).isEmpty();
    }

    @Test
    void historyListsMovementsNewestFirst() {
        activeAndFunded(alice, "10.00");
        provider().transfer(alice, "hist-" + run, bob, usd("4.00")).block();

        AccountProvider.HistoryPage page = provider().history(alice, 10, 0).block();
        assertThat(page.total()).isEqualTo(2);
        assertThat(page.transactions().get(0)).containsEntry("type", "p2p_sent");
        assertThat(page.transactions().get(1)).containsEntry("type", "deposit");
    }

    @Test
    void anMfaChallengeIsAnsweredWithThePinAndLocksAfterThreeWrongAnswers() {
        provider().activate(alice, activation(PIN)).block();
        MfaProvider.MfaChallenge challenge = provider().mfaChallenge(alice, "pay-" + run, usd("1500.00")).block();
        assertThat(challenge.methods()).containsExactly("pin");
        assertThat(provider().mfaChallenge(alice, "pay-" + run, usd("1500.00")).block().challengeId())
                .as("one live challenge per payment").isEqualTo(challenge.challengeId());
        Map<String, Object> right = Map.of("hashed_pin", Digests.sha256Hex(PIN));
        assertThat(provider().mfaVerify(alice, challenge.challengeId(), "pin", right).block().verified()).isTrue();

        MfaProvider.MfaChallenge second = provider().mfaChallenge(alice, "pay2-" + run, usd("1500.00")).block();
        Map<String, Object> wrong = Map.of("hashed_pin", Digests.sha256Hex("000000"));
        assertError(() -> provider().mfaVerify(alice, second.challengeId(), "pin", wrong).block(),
                ErrorCode.INVALID_MFA_CREDENTIALS);
        assertError(() -> provider().mfaVerify(alice, second.challengeId(), "pin", wrong).block(),
                ErrorCode.INVALID_MFA_CREDENTIALS);
        assertError(() -> provider().mfaVerify(alice, second.challengeId(), "pin", wrong).block(), ErrorCode.MFA_LOCKED);
        assertError(() -> provider().mfaVerify(alice, second.challengeId(), "pin", right).block(), ErrorCode.MFA_LOCKED);
        assertError(() -> provider().mfaVerify(bob, challenge.challengeId(), "pin", right).block(), ErrorCode.NOT_FOUND);
    }

    private String activeAndFunded(String user, String amount) {
        provider().activate(user, activation(PIN)).block();
        ExternalProvider.ExternalAccount source = provider().linkExternal(user, "sandbox").block();
        assertThat(provider().verifyExternal(user, source.externalAccountId(), Map.of()).block().status()).isEqualTo("verified");
        provider().fund(user, source.externalAccountId(), usd(amount), "fund-" + run).block();
        provider().fund(user, source.externalAccountId(), usd(amount), "fund-" + run).block();
        assertThat(available(user)).as("the same funding reference funds once").isEqualByComparingTo(amount);
        return source.externalAccountId();
    }

    private BigDecimal available(String user) {
        return provider().balance(user).block().available();
    }

    private static AccountProvider.ActivationData activation(String pin) {
        return new AccountProvider.ActivationData(pin, "1.5.0", null, null);
    }

    private static Money usd(String amount) {
        return Money.parsePositive(new BigDecimal(amount), "USD");
    }

    private static void assertError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TmcpException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
