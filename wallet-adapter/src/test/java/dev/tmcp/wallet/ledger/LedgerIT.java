package dev.tmcp.wallet.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.money.Money;
import dev.tmcp.test.TestInfrastructure;
import dev.tmcp.wallet.ledger.account.Wallet;
import dev.tmcp.wallet.ledger.account.WalletAccounts;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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

/** The double-entry ledger on real PostgreSQL. */
@SpringBootTest(properties = "tmcp.tep.jwks-uri=http://127.0.0.1:1/unused")
class LedgerIT {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.database(registry);
    }

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
    private final String source = "system:sandbox:USD";

    @BeforeEach
    void wallets() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        alice = wallets.ensure("@alice" + run + ":test").block();
        bob = wallets.ensure("@bob" + run + ":test").block();
        ledger.ensureSystemAccount(source, "USD").block();
        fund(alice, 10_000);
    }

    @Test
    void aTransferMovesMoneyWithBalancedPostings() {
        LedgerEntry entry = post("p2p:" + UUID.randomUUID(), alice, bob, 2_500);

        assertThat(balance(alice)).isEqualTo(7_500);
        assertThat(balance(bob)).isEqualTo(2_500);
        Long sum = db.sql("select sum(amount_minor) from ledger_posting where txn_id = :id").bind("id", entry.txnId())
                .map(r -> r.get(0, Long.class)).one().block();
        assertThat(sum).isZero();
    }

    @Test
    void sentTodayAndThisMonthCountOnlyOutgoingP2pOfTheirPeriod() {
        LedgerEntry thisMonth = post("p2p:" + UUID.randomUUID(), alice, bob, 1_000);
        LedgerEntry lastMonth = post("p2p:" + UUID.randomUUID(), alice, bob, 300);
        post("p2p:" + UUID.randomUUID(), alice, bob, 200);
        // The first instant of this month (UTC), and the last of the previous one.
        backdate(thisMonth, "date_trunc('month', now() at time zone 'utc') at time zone 'utc'");
        backdate(lastMonth, "date_trunc('month', now() at time zone 'utc') at time zone 'utc' - interval '1 second'");

        assertThat(ledger.sentThisMonth(alice.accountId()).block()).isEqualTo(1_200);
        assertThat(ledger.sentToday(alice.accountId()).block()).isIn(200L, 1_200L);
        assertThat(ledger.sentThisMonth(bob.accountId()).block()).as("incoming is not sent").isZero();
    }

    private void backdate(LedgerEntry entry, String instant) {
        db.sql("update ledger_posting set created_at = " + instant + " where txn_id = :id").bind("id", entry.txnId())
                .fetch().rowsUpdated().block();
    }

    @Test
    void theSameReferenceMovesMoneyOnce() {
        String reference = "p2p:" + UUID.randomUUID();
        LedgerEntry first = post(reference, alice, bob, 1_000);
        LedgerEntry again = post(reference, alice, bob, 1_000);

        assertThat(again.txnId()).isEqualTo(first.txnId());
        assertThat(balance(alice)).isEqualTo(9_000);
        assertThatThrownBy(() -> post(reference, alice, bob, 999))
                .isInstanceOfSatisfying(TmcpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_TRANSACTION));
    }

    @Test
    void aWalletNeverGoesNegativeAndAFailedMovementLeavesNoTrace() {
        assertThatThrownBy(() -> post("p2p:" + UUID.randomUUID(), alice, bob, 10_001))
                .isInstanceOfSatisfying(TmcpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_FUNDS));
        assertThat(balance(alice)).isEqualTo(10_000);
        assertThat(balance(bob)).isZero();
    }

    @Test
    void theDatabaseRefusesUnbalancedPostings() {
        String txn = "txn_" + UUID.randomUUID().toString().substring(0, 20);
        Mono<Void> unbalanced = db.sql("insert into ledger_transaction (txn_id, kind, reference, currency, amount_minor) "
                        + "values (:id, 'test', :id, 'USD', 5)").bind("id", txn).fetch().rowsUpdated()
                .then(db.sql("insert into ledger_posting (txn_id, account_id, amount_minor) values (:id, :acc, 5)")
                        .bind("id", txn).bind("acc", bob.accountId()).fetch().rowsUpdated())
                .then();
        assertThatThrownBy(() -> tx.transactional(unbalanced).block()).hasMessageContaining("not balanced");
    }

    @Test
    void concurrentOppositeTransfersKeepTheCurrencyTotalInvariant() {
        fund(bob, 10_000);
        long before = total();
        Flux.range(0, 60)
                .flatMap(i -> {
                    boolean forward = i % 2 == 0;
                    long amount = ThreadLocalRandom.current().nextLong(1, 700);
                    return Mono.defer(() -> tx.transactional(ledger.post("p2p", "p2p:" + UUID.randomUUID(),
                                    Money.ofMinor(amount, "USD"), List.of(
                                            new Posting((forward ? alice : bob).accountId(), -amount),
                                            new Posting((forward ? bob : alice).accountId(), amount)))))
                            .onErrorResume(TmcpException.class, e -> Mono.empty());
                }, 8)
                .blockLast();

        assertThat(total()).isEqualTo(before);
        assertThat(balance(alice) + balance(bob)).isEqualTo(20_000);
        assertThat(balance(alice)).isNotNegative();
        assertThat(balance(bob)).isNotNegative();
    }

    private LedgerEntry post(String reference, Wallet from, Wallet to, long minor) {
        return tx.transactional(ledger.post("p2p", reference, Money.ofMinor(minor, "USD"),
                List.of(new Posting(from.accountId(), -minor), new Posting(to.accountId(), minor)))).block();
    }

    private void fund(Wallet wallet, long minor) {
        tx.transactional(ledger.post("funding", "fund:" + UUID.randomUUID(), Money.ofMinor(minor, "USD"),
                List.of(new Posting(source, -minor), new Posting(wallet.accountId(), minor)))).block();
    }

    private long balance(Wallet wallet) {
        return ledger.balance(wallet.accountId()).block();
    }

    private long total() {
        return db.sql("select sum(balance_minor) from ledger_account where currency = 'USD'")
                .map(r -> r.get(0, Long.class)).one().block();
    }
}
