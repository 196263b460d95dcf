package dev.tmcp.e2e;

import java.util.List;

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
        FuzzCases cases = new FuzzCases(Long.parseLong(seed), run.operations());
        for (long sent = 0; sent < count; sent += batchSize) {
            run.send(cases.batch(batchSize));
        }
        List<String> ledger = FuzzRun.ledgerViolations();
        System.out.println(run.report(ledger));
        System.exit(run.unanswered() == 0 && run.fiveXx() == 0 && run.formatErrors() == 0 && ledger.isEmpty() ? 0 : 1);
    }
}
