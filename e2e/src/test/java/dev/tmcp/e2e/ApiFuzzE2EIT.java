package dev.tmcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The schema-driven fuzzer (issue 11, decision 0030): requests generated from the gateway's OpenAPI
 * document — valid, boundary and malformed (wrong types, missing and extra fields, NUL and control
 * characters, over-long strings, huge and negative numbers, deep nesting, broken JSON, wrong content
 * types, bad path and query parameters, malformed Bearer and Basic credentials) — to every public
 * route through the gateway, with real TEPs of users it registers. Fixed seed, 5,250 requests in
 * batches of 25, sent 12 at a time ({@code -Dtmcp.fuzz.parallelism}), for at most 12 minutes
 * ({@code -Dtmcp.fuzz.minutes}). Pass: every request answered, no 5xx (nor a JSON-RPC error standing for one), every error
 * body in the documented format (12.1; 12.3 or HTML where documented), and the ledger invariants
 * hold afterwards. The long mode is {@code bench/fuzz.sh}.
 */
@Order(Integer.MAX_VALUE)
class ApiFuzzE2EIT {

    static final String SEED = "20261204";
    static final int BATCHES = 210;
    static final int BATCH_SIZE = 25;
    static final int MIN_REQUESTS = 5_000;

    @Test
    void everyRouteAnswersAnyInputWithoutA5xx() {
        FuzzRun run = FuzzRun.start(SEED, 24, Integer.getInteger("tmcp.fuzz.parallelism", 12));
        // A bound on the run, not an assertion: on a starved machine the report still comes (and the
        // request count then falls short, which fails the test with that reason).
        run.stopSendingAfter(java.time.Duration.ofMinutes(Long.getLong("tmcp.fuzz.minutes", 12)));
        FuzzCases cases = new FuzzCases(Long.parseLong(SEED), run.operations());
        for (int i = 0; i < BATCHES; i++) {
            run.send(cases.batch(BATCH_SIZE));
        }

        List<String> ledger = FuzzRun.ledgerViolations();
        System.out.println(run.report(ledger));
        assertThat(run.sent()).as("requests answered").isGreaterThanOrEqualTo(MIN_REQUESTS);
        assertThat(run.unanswered()).as("requests left without an answer (FUZZ FAULT no answer lines above)").isZero();
        assertThat(run.fiveXx()).as("5xx answers (FUZZ FAULT lines above)").isZero();
        assertThat(run.formatErrors()).as("error bodies not in the 12.1 / 12.3 format (FUZZ FAULT lines above)").isZero();
        assertThat(ledger).as("ledger invariants").isEmpty();
    }
}
