package dev.tmcp.wallet.ledger.mfa;

import java.time.Instant;
import java.util.List;

/**
 * A second-factor challenge for one payment (spec 7.6.4): who must answer, for which reference and
 * amount, with which methods, and whether it was answered, or locked after too many wrong answers.
 */
record MfaChallenge(String challengeId, String userId, String reference, String amount, String currency,
        List<String> methods, String status, Instant expiresAt) {

    static final String PENDING = "pending";
    static final String VERIFIED = "verified";
    static final String LOCKED = "locked";
}
