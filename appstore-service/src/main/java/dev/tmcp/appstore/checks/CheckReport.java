package dev.tmcp.appstore.checks;

import java.time.Instant;
import java.util.List;

/**
 * The automated review report of spec 9.3.1 (decision 0050). A check is {@code true} (passed),
 * {@code false} (failed, with warnings saying why) or absent when it could not be run: the entry
 * URL did not answer, or there is no bundle yet to look for obfuscation or vulnerable dependencies.
 */
record CheckReport(String checkId, String miniappId, String status, boolean passed, Checks checks, List<Warning> warnings,
        Instant checkedAt) {

    static final String COMPLETE = "automated_review_complete";

    record Checks(Boolean cspValid, Boolean httpsOnly, Boolean noCredentials, Boolean scopesJustified,
            Boolean noObfuscation, Boolean dependenciesClean) {
    }

    /** @param field where the finding is (a registration field, or the entry URL's header) */
    record Warning(String type, String field, String severity, String message) {
    }
}
