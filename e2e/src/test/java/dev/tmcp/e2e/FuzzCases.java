package dev.tmcp.e2e;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * What the fuzzer sends, as jqwik arbitraries: an operation of the OpenAPI document, what is wrong
 * with the request (or nothing), which credential goes with it, and a seed from which
 * {@link FuzzRequests} derives the concrete values from the operation's schema.
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

    private FuzzCases() {
    }

    static Arbitrary<FuzzCase> cases(int operations) {
        Arbitrary<Mutation> mutations = Arbitraries.frequency(
                Tuple.of(30, Mutation.VALID), Tuple.of(8, Mutation.BOUNDARY), Tuple.of(8, Mutation.WRONG_TYPE),
                Tuple.of(6, Mutation.MISSING_REQUIRED), Tuple.of(5, Mutation.EXTRA_FIELDS), Tuple.of(8, Mutation.CONTROL_CHARS),
                Tuple.of(5, Mutation.OVERLONG_STRING), Tuple.of(5, Mutation.HUGE_NUMBER), Tuple.of(5, Mutation.NEGATIVE_NUMBER),
                Tuple.of(3, Mutation.DEEP_NESTING), Tuple.of(5, Mutation.BROKEN_JSON), Tuple.of(3, Mutation.WRONG_CONTENT_TYPE),
                Tuple.of(3, Mutation.EMPTY_BODY), Tuple.of(6, Mutation.BAD_PATH_PARAM), Tuple.of(4, Mutation.BAD_QUERY));
        Arbitrary<Credential> credentials = Arbitraries.frequency(
                Tuple.of(82, Credential.PROPER), Tuple.of(4, Credential.NONE), Tuple.of(3, Credential.GARBAGE_BEARER),
                Tuple.of(2, Credential.TAMPERED_TEP), Tuple.of(2, Credential.TRUNCATED_TEP), Tuple.of(1, Credential.EMPTY_BEARER),
                Tuple.of(3, Credential.MALFORMED_BASIC), Tuple.of(1, Credential.WRONG_SCHEME), Tuple.of(2, Credential.ODD_CHARACTERS));
        return Combinators.combine(Arbitraries.integers().between(0, operations - 1), mutations, credentials,
                Arbitraries.longs()).as(FuzzCase::new);
    }

    static Arbitrary<List<FuzzCase>> batches(int operations, int size) {
        return cases(operations).list().ofSize(size);
    }
}
