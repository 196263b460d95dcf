package dev.tmcp.wallet.ledger.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.money.Money;
import dev.tmcp.test.TestInfrastructure;
import dev.tmcp.wallet.ledger.Ledger;
import dev.tmcp.wallet.ledger.Posting;
import dev.tmcp.wallet.ledger.account.Wallet;
import dev.tmcp.wallet.ledger.account.WalletAccounts;
import dev.tmcp.wallet.ledger.external.ExternalAccounts;
import dev.tmcp.wallet.provider.ExternalProvider;
import dev.tmcp.wallet.provider.HoldProvider;
import dev.tmcp.wallet.provider.WalletProvider;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Withdrawals end without the user coming back (ADR 0038), on the real ledger: the job is run
 * directly instead of waiting for its tick, and nobody retries.
 */
@SpringBootTest(properties = {"tmcp.tep.jwks-uri=http://127.0.0.1:1/unused", "tmcp.wallet.sandbox-enabled=true",
        "tmcp.wallet.payment-service-secret=withdrawals-it-secret-0123456789",
        "tmcp.wallet.withdrawal-approval-deadline=1h", "tmcp.wallet.withdrawal-job-interval=1h"})
class WithdrawalRecoveryIT {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.database(registry);
    }

    @Autowired
    WalletProvider provider;
    @Autowired
    WithdrawalJobs jobs;
    @Autowired
    Ledger ledger;
    @Autowired
    WalletAccounts wallets;
    @Autowired
    ExternalAccounts external;
    @Autowired
    TransactionalOperator tx;
    @Autowired
    DatabaseClient db;

    private Wallet alice;
    private String bank;
    private String run;

    @BeforeEach
    void fundedWalletWithABankAccount() {
        run = UUID.randomUUID().toString().substring(0, 8);
        alice = wallets.ensure("@alice" + run + ":test").block();
        db.sql("update wallet set user_status = 'active', verification_level = 2 where wallet_id = :id")
                .bind("id", alice.walletId()).fetch().rowsUpdated().block();
        alice = wallets.existing(alice.userId()).block();
        ledger.ensureSystemAccount("system:sandbox:USD", "USD").block();
        tx.transactional(ledger.post("funding", "fund:" + run, usd(10_000), List.of(
                new Posting("system:sandbox:USD", -10_000), new Posting(alice.accountId(), 10_000)))).block();
        bank = external.link(alice.userId(), "sandbox").block().externalAccountId();
        external.verify(alice.userId(), bank).block();
    }

    @Test
    void aWithdrawalNeverApprovedExpiresAfterTheDeadlineAndItsMoneyReturns() {
        ExternalProvider.Withdrawal w = withdraw(3_000);
        assertThat(balance()).isEqualTo(7_000);
        age(w.withdrawalId(), "2 hours");
        assertThat(jobs.stuck().collectList().block()).extracting(s -> s.id()).contains(w.withdrawalId());

        jobs.run().block();
        jobs.run().block();

        assertThat(provider.withdrawal(alice.userId(), w.withdrawalId()).block().status()).isEqualTo("expired");
        assertThat(balance()).isEqualTo(10_000);
        assertThat(ledger.pending(alice.walletId()).block()).isZero();
        assertThat(jobs.stuck().collectList().block()).extracting(s -> s.id()).doesNotContain(w.withdrawalId());
    }

    @Test
    void anExpiredWithdrawalCannotBeApprovedAnyMore() {
        ExternalProvider.Withdrawal w = withdraw(1_000);
        age(w.withdrawalId(), "2 hours");

        assertThatThrownBy(() -> provider.approveWithdrawal(alice.userId(), w.withdrawalId()).block())
                .isInstanceOfSatisfying(TmcpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
        assertThat(balance()).isEqualTo(9_000);
    }

    @Test
    void theUserCancelsAWithdrawalAwaitingApprovalAndGetsTheMoneyBackOnce() {
        ExternalProvider.Withdrawal w = withdraw(2_500);

        assertThat(provider.cancelWithdrawal(alice.userId(), w.withdrawalId()).block().status()).isEqualTo("cancelled");
        assertThat(provider.cancelWithdrawal(alice.userId(), w.withdrawalId()).block().status()).isEqualTo("cancelled");

        assertThat(balance()).isEqualTo(10_000);
        assertThatThrownBy(() -> provider.approveWithdrawal(alice.userId(), w.withdrawalId()).block())
                .isInstanceOfSatisfying(TmcpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
        assertThat(balance()).isEqualTo(10_000);
    }

    @Test
    void aCompletedWithdrawalCannotBeCancelled() {
        ExternalProvider.Withdrawal w = withdraw(1_000);
        provider.approveWithdrawal(alice.userId(), w.withdrawalId()).block();

        assertThatThrownBy(() -> provider.cancelWithdrawal(alice.userId(), w.withdrawalId()).block())
                .isInstanceOfSatisfying(TmcpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
        assertThat(balance()).isEqualTo(9_000);
    }

    @Test
    void aCancelCutBeforeItsReleaseIsFinishedByTheJob() {
        ExternalProvider.Withdrawal w = withdraw(4_000);
        // what a crash between the status change and the release leaves behind
        db.sql("update withdrawal set status = 'cancelled', ended_at = now() - interval '1 minute' where withdrawal_id = :id")
                .bind("id", w.withdrawalId()).fetch().rowsUpdated().block();
        assertThat(balance()).isEqualTo(6_000);

        jobs.run().block();

        assertThat(balance()).isEqualTo(10_000);
        assertThat(ledger.pending(alice.walletId()).block()).isZero();
    }

    @Test
    void anApprovalCutBeforeItsPayOutIsCompletedByTheJob() {
        ExternalProvider.Withdrawal w = withdraw(1_500);
        db.sql("update withdrawal set status = 'approving', created_at = now() - interval '1 minute' where withdrawal_id = :id")
                .bind("id", w.withdrawalId()).fetch().rowsUpdated().block();

        jobs.run().block();
        jobs.run().block();

        assertThat(provider.withdrawal(alice.userId(), w.withdrawalId()).block().status()).isEqualTo("completed");
        assertThat(balance()).isEqualTo(8_500);
        assertThat(ledger.pending(alice.walletId()).block()).isZero();
        assertThat(ledger.balance("system:withdrawals:USD").block()).isGreaterThanOrEqualTo(1_500);
    }

    @Test
    void aTransferIsFoundByItsReferenceAndAnUnknownReferenceIsNot() {
        Wallet bob = wallets.ensure("@bob" + run + ":test").block();
        provider.transfer(alice.userId(), "ref-" + run, bob.userId(), usd(700)).block();

        HoldProvider.Movement found = provider.transferByReference("ref-" + run).block();

        assertThat(found.fromWalletId()).isEqualTo(alice.walletId());
        assertThat(found.toWalletId()).isEqualTo(bob.walletId());
        assertThat(found.toStatus()).isEqualTo("pending");
        assertThat(provider.transferByReference("other-" + run).blockOptional()).isEmpty();
    }

    private ExternalProvider.Withdrawal withdraw(long minor) {
        return provider.initiateWithdrawal(alice.userId(), bank, usd(minor), "k-" + UUID.randomUUID()).block();
    }

    private void age(String withdrawalId, String by) {
        db.sql("update withdrawal set created_at = now() - interval '" + by + "' where withdrawal_id = :id")
                .bind("id", withdrawalId).fetch().rowsUpdated().block();
    }

    private long balance() {
        return ledger.balance(alice.accountId()).block();
    }

    private static Money usd(long minor) {
        return Money.ofMinor(minor, "USD");
    }
}
