package dev.tmcp.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What the fuzzer sends, drawn from one seeded {@link SplittableRandom}: an operation of the OpenAPI
 * document, what is wrong with the request (or nothing), which credential goes with it, and a seed
 * from which {@link FuzzRequests} derives the concrete values from the operation's schema. The same
 * seed always gives the same sequence of cases.
 */
final class FuzzCases {

    /** What a request gets wrong; VALID and BOUNDARY follow the schema. */
    enum Mutation {
        VALID, BOUNDARY, WRONG_TYPE, MISSING_REQUIRED, EXTRA_FIELDS, CONTROL_CHARS, OVERLONG_STRING, HUGE_NUMBER,
        NEGATIVE_NUMBER, DEEP_NESTING, BROKEN_JSON, WRONG_CONTENT_TYPE, EMPTY_BODY, BAD_PATH_PARAM, BAD_QUERY
    }

    /** The Authorization header: the scheme the operation wants (valid where the fuzzer has one) or a broken one. */
    enum Credential {
        PROPER, NONE, GARBAGE_BEARER, TAMPERED_TEP, TRUNCATED_TEP, EMPTY_BEARER, MALFORMED_BASIC, WRONG_SCHEME,
        ODD_CHARACTERS
    }

    record FuzzCase(int operation, Mutation mutation, Credential credential, long seed) {
    }

    // Relative weights, in the enums' order.
    private static final int[] MUTATION_WEIGHTS = {30, 8, 8, 6, 5, 8, 5, 5, 5, 3, 5, 3, 3, 6, 4};
    private static final int[] CREDENTIAL_WEIGHTS = {82, 4, 3, 2, 2, 1, 3, 1, 2};

    private final SplittableRandom random;
    private final int operations;

    FuzzCases(long seed, int operations) {
        this.random = new SplittableRandom(seed);
        this.operations = operations;
    }

    FuzzCase next() {
        return new FuzzCase(random.nextInt(operations), Mutation.values()[weighted(MUTATION_WEIGHTS)],
                Credential.values()[weighted(CREDENTIAL_WEIGHTS)], random.nextLong());
    }

    List<FuzzCase> batch(int size) {
        List<FuzzCase> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            batch.add(next());
        }
        return batch;
    }

    private int weighted(int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int pick = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            pick -= weights[i];
            if (pick < 0) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
