package dev.tmcp.wallet.ledger.hold;

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
import dev.tmcp.wallet.provider.HoldProvider.Movement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Holds, captures and releases on the real ledger (PostgreSQL). */
@SpringBootTest(properties = {"tmcp.tep.jwks-uri=http://127.0.0.1:1/unused",
        "tmcp.wallet.payment-service-secret=holds-it-secret-0123456789"})
class HoldsIT {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.database(registry);
    }

    @Autowired
    Holds holds;
    @Autowired
    Ledger ledger;
    @Autowired
    WalletAccounts wallets;
    @Autowired
    TransactionalOperator tx;
    @Autowired
    DatabaseClient db;

    private Wallet alice;
    private Wallet bob;
    private String run;

    @BeforeEach
    void wallets() {
        run = UUID.randomUUID().toString().substring(0, 8);
        alice = activeWallet("@alice" + run + ":test");
        bob = activeWallet("@bob" + run + ":test");
        ledger.ensureSystemAccount("system:sandbox:USD", "USD").block();
        tx.transactional(ledger.post("funding", "fund:" + run, usd(10_000), List.of(
                new Posting("system:sandbox:USD", -10_000), new Posting(alice.accountId(), 10_000)))).block();
    }

    @Test
    void aHoldIsCapturedInPartsAndTheRestReleasedWithoutCreatingOrLosingMoney() {
        long total = total();
        Hold hold = holds.hold(alice.userId(), "gift:" + run, usd(3_000), "gift").block();
        assertThat(balance(alice.accountId())).isEqualTo(7_000);
        assertThat(ledger.pending(alice.walletId()).block()).isEqualTo(3_000);

        Movement captured = holds.capture(hold.holdId(), "open-1-" + run, bob.userId(), usd(1_250)).block();
        assertThat(captured.toWalletId()).isEqualTo(bob.walletId());
        assertThat(captured.toStatus()).isEqualTo("active");
        Movement released = holds.release(hold.holdId(), "expire-" + run, null).block();

        assertThat(released.amount()).hasToString("17.50");
        assertThat(balance(bob.accountId())).isEqualTo(1_250);
        assertThat(balance(alice.accountId())).isEqualTo(8_750);
        assertThat(balance(hold.accountId())).isZero();
        assertThat(holds.get(hold.holdId()).block().status()).isEqualTo("settled");
        assertThat(total()).isEqualTo(total);
    }

    @Test
    void retriedStepsMoveMoneyOnceAndAReusedReferenceForSomethingElseIsRefused() {
        Hold first = holds.hold(alice.userId(), "pay:" + run, usd(2_000), "payment").block();
        Hold again = holds.hold(alice.userId(), "pay:" + run, usd(2_000), "payment").block();
        holds.capture(first.holdId(), "cap-" + run, bob.userId(), usd(500)).block();
        holds.capture(first.holdId(), "cap-" + run, bob.userId(), usd(500)).block();
        holds.release(first.holdId(), "rel-" + run, null).block();
        Movement releasedAgain = holds.release(first.holdId(), "rel-" + run, null).block();

        assertThat(again.holdId()).isEqualTo(first.holdId());
        assertThat(balance(alice.accountId())).isEqualTo(9_500);
        assertThat(balance(bob.accountId())).isEqualTo(500);
        assertThat(releasedAgain.amount()).hasToString("15.00");
        assertThatThrownBy(() -> holds.hold(alice.userId(), "pay:" + run, usd(2_001), "payment").block())
                .isInstanceOfSatisfying(TmcpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_TRANSACTION));
    }

    @Test
    void aHoldCannotBeOverspentEvenByConcurrentCaptures() {
        Hold hold = holds.hold(alice.userId(), "race:" + run, usd(2_000), "gift").block();
        AtomicInteger refused = new AtomicInteger();
        Integer captured = Flux.range(0, 50)
                .flatMap(i -> holds.capture(hold.holdId(), "race-" + run + "-" + i, bob.userId(), usd(100)).thenReturn(1)
                        .onErrorResume(TmcpException.class, e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE);
                            refused.incrementAndGet();
                            return Mono.empty();
                        }), 16)
                .reduce(0, Integer::sum)
                .block();

        assertThat(captured).isEqualTo(20);
        assertThat(refused).hasValue(30);
        assertThat(balance(bob.accountId())).isEqualTo(2_000);
        assertThat(balance(hold.accountId())).isZero();
    }

    @Test
    void moneyForAPendingRecipientWaitsInTheirIncomingAccount() {
        String carol = "@carol" + run + ":test";
        Hold hold = holds.hold(alice.userId(), "p2p:" + run, usd(900), "p2p").block();
        Movement captured = holds.capture(hold.holdId(), "acc-" + run, carol, usd(900)).block();

        Wallet pending = wallets.existing(carol).block();
        assertThat(captured.toStatus()).isEqualTo("pending");
        assertThat(balance(pending.accountId())).isZero();
        assertThat(balance(pending.incomingAccountId())).isEqualTo(900);
        assertThat(ledger.pending(pending.walletId()).block()).isEqualTo(900);
    }

    @Test
    void holdsFollowTheSendingRules() {
        Wallet pending = wallets.ensure("@dave" + run + ":test").block();
        assertThatThrownBy(() -> holds.hold(pending.userId(), "p:" + run, usd(100), "gift").block())
                .isInstanceOfSatisfying(TmcpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.P2P_SEND_NOT_ALLOWED));
        assertThatThrownBy(() -> holds.hold(alice.userId(), "big:" + run, usd(10_001), "gift").block())
                .isInstanceOfSatisfying(TmcpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_FUNDS));
        assertThat(balance(alice.accountId())).isEqualTo(10_000);
        assertThat(db.sql("select count(*) from hold where reference = :r").bind("r", "big:" + run)
                .map(r -> r.get(0, Long.class)).one().block()).as("a refused hold leaves no row").isZero();
    }

    private Wallet activeWallet(String userId) {
        Wallet wallet = wallets.ensure(userId).block();
        db.sql("update wallet set user_status = 'active', verification_level = 1 where wallet_id = :id")
                .bind("id", wallet.walletId()).fetch().rowsUpdated().block();
        return wallets.existing(userId).block();
    }

    private static Money usd(long minor) {
        return Money.ofMinor(minor, "USD");
    }

    private long balance(String accountId) {
        return ledger.balance(accountId).block();
    }

    private long total() {
        return db.sql("select sum(balance_minor) from ledger_account where currency = 'USD'")
                .map(r -> r.get(0, Long.class)).one().block();
    }
}
