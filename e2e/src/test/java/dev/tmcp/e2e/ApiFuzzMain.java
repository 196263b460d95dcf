package dev.tmcp.e2e;

import dev.tmcp.e2e.FuzzCases.FuzzCase;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.sessions.JqwikSession;

/**
 * The fuzzer's long mode ({@code bench/fuzz.sh SEED COUNT [USERS] [PARALLELISM]}): the same
 * generator and checks as {@link ApiFuzzE2EIT}, for any seed and count. Exits 1 on a 5xx, an error
 * body out of format, or a broken ledger invariant.
 */
public final class ApiFuzzMain {

    private ApiFuzzMain() {
    }

    public static void main(String[] args) {
        String seed = args.length > 0 ? args[0] : ApiFuzzE2EIT.SEED;
        long count = args.length > 1 ? Long.parseLong(args[1]) : 100_000;
        int users = args.length > 2 ? Integer.parseInt(args[2]) : 48;
        int parallelism = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        FuzzRun run = FuzzRun.start(seed, users, parallelism);
        int batchSize = ApiFuzzE2EIT.BATCH_SIZE;
        JqwikSession.run(seed, () -> {
            Arbitrary<List<FuzzCase>> batches = FuzzCases.batches(run.operations(), batchSize);
            batches.sampleStream().limit((count + batchSize - 1) / batchSize).forEach(run::send);
        });
        List<String> ledger = FuzzRun.ledgerViolations();
        System.out.println(run.report(ledger));
        System.exit(run.fiveXx() == 0 && run.formatErrors() == 0 && ledger.isEmpty() ? 0 : 1);
    }
}
