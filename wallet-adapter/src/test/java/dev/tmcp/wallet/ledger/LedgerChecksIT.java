package dev.tmcp.wallet.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.core.money.Money;
import dev.tmcp.test.TestInfrastructure;
import dev.tmcp.wallet.ledger.account.Wallet;
import dev.tmcp.wallet.ledger.account.WalletAccounts;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;

/** The periodic check of the books, on real PostgreSQL: it reports what no constraint refuses. */
@SpringBootTest(properties = "tmcp.tep.jwks-uri=http://127.0.0.1:1/unused")
class LedgerChecksIT {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.database(registry);
    }

    @Autowired
    Ledger ledger;
    @Autowired
    LedgerInvariants invariants;
    @Autowired
    WalletAccounts wallets;
    @Autowired
    TransactionalOperator tx;
    @Autowired
    DatabaseClient db;

    private Wallet alice;

    @BeforeEach
    void fundedWallet() {
        alice = wallets.ensure("@alice" + UUID.randomUUID().toString().substring(0, 8) + ":test").block();
        ledger.ensureSystemAccount("system:sandbox:USD", "USD").block();
        tx.transactional(ledger.post("funding", "fund:" + UUID.randomUUID(), Money.ofMinor(5_000, "USD"),
                List.of(new Posting("system:sandbox:USD", -5_000), new Posting(alice.accountId(), 5_000)))).block();
    }

    @AfterEach
    void repair() {
        db.sql("update ledger_account a set balance_minor = (select coalesce(sum(amount_minor), 0) "
                + "from ledger_posting p where p.account_id = a.account_id)").fetch().rowsUpdated().block();
    }

    @Test
    void soundBooksShowNoViolation() {
        assertThat(invariants.check().block()).isZero();
    }

    @Test
    void aBalanceChangedOutsideTheLedgerIsReported() {
        db.sql("update ledger_account set balance_minor = balance_minor + 100 where account_id = :a")
                .bind("a", alice.accountId()).fetch().rowsUpdated().block();

        invariants.check().block();

        assertThat(invariants.violations("balance_differs_from_postings")).isEqualTo(1);
        assertThat(invariants.violations("books_not_zero_sum")).isEqualTo(1);
        assertThat(invariants.violations("unbalanced_transaction")).isZero();
    }
}
