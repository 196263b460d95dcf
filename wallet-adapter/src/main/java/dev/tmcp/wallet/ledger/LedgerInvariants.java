package dev.tmcp.wallet.ledger;

import dev.tmcp.web.jobs.PeriodicJobs;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Checks the books every so often and publishes what it finds as
 * {@code tmcp.ledger.invariant.violations{check}}: any value above zero means money the ledger
 * cannot account for, and pages the operator. The database already refuses an unbalanced
 * transaction and a negative wallet account; this check also catches what no constraint sees (a
 * balance changed outside the ledger, a restore from an inconsistent backup).
 */
@Component
public class LedgerInvariants extends PeriodicJobs {

    private static final Logger log = LoggerFactory.getLogger(LedgerInvariants.class);

    /** Transactions with fewer than two postings, postings not summing to zero, or not crediting its amount. */
    static final String UNBALANCED = "select t.txn_id from ledger_transaction t "
            + "left join ledger_posting p on p.txn_id = t.txn_id group by t.txn_id, t.amount_minor "
            + "having count(p.posting_id) < 2 or coalesce(sum(p.amount_minor), 0) <> 0 "
            + "or coalesce(sum(greatest(p.amount_minor, 0)), 0) <> t.amount_minor";
    /** Accounts whose balance is not the sum of their postings. */
    static final String BALANCE_DIFFERS = "select a.account_id from ledger_account a "
            + "left join ledger_posting p on p.account_id = a.account_id group by a.account_id, a.balance_minor "
            + "having a.balance_minor <> coalesce(sum(p.amount_minor), 0)";
    static final String NEGATIVE = "select account_id from ledger_account where kind <> 'system' and balance_minor < 0";
    /** Currencies whose balances, system accounts included, do not sum to zero. */
    static final String NOT_ZERO_SUM = "select currency from ledger_account group by currency having sum(balance_minor) <> 0";

    private static final Map<String, String> CHECKS = checks();

    private final DatabaseClient db;
    private final Duration every;
    private final Map<String, AtomicLong> violations = new ConcurrentHashMap<>();

    LedgerInvariants(DatabaseClient db, MeterRegistry meters,
            @Value("${tmcp.wallet.ledger-check-interval:5m}") Duration every) {
        super("ledger");
        this.db = db;
        this.every = every;
        CHECKS.keySet().forEach(check -> Gauge.builder("tmcp.ledger.invariant.violations",
                        violations.computeIfAbsent(check, c -> new AtomicLong()), AtomicLong::get)
                .tag("check", check)
                .description("ledger rows breaking the invariant at the last check")
                .register(meters));
    }

    private static Map<String, String> checks() {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("unbalanced_transaction", UNBALANCED);
        checks.put("balance_differs_from_postings", BALANCE_DIFFERS);
        checks.put("negative_account", NEGATIVE);
        checks.put("books_not_zero_sum", NOT_ZERO_SUM);
        return checks;
    }

    /** Runs every check once; emits the number of violations found. */
    public Mono<Long> check() {
        return Flux.fromIterable(CHECKS.entrySet())
                .concatMap(check -> db.sql("select count(*) as n from (" + check.getValue() + ") v")
                        .map(r -> r.get("n", Long.class)).one()
                        .doOnNext(found -> record(check.getKey(), found)))
                .reduce(0L, Long::sum);
    }

    private void record(String check, long found) {
        violations.get(check).set(found);
        if (found > 0) {
            log.error("ledger invariant {} broken by {} row(s)", check, found);
        }
    }

    public long violations(String check) {
        return violations.get(check).get();
    }

    @Override
    protected List<Job> jobs() {
        return List.of(new Job("invariants", every, this::check));
    }
}
