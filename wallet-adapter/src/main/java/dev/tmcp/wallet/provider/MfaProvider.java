package dev.tmcp.wallet.provider;

import dev.tmcp.core.money.Money;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/** A second factor for a payment (7.6.4). */
public interface MfaProvider {

    /** 7.6.4: a second-factor challenge for a payment, answerable with the user's PIN or OTP. */
    Mono<MfaChallenge> mfaChallenge(String userId, String reference, Money amount);

    /** Emits the verified challenge; INVALID_MFA_CREDENTIALS for a wrong answer, MFA_LOCKED after three. */
    Mono<MfaChallenge> mfaVerify(String userId, String challengeId, String method, Map<String, Object> credentials);

    record MfaChallenge(String challengeId, String reference, List<String> methods, String status, boolean verified,
            String expiresAt) {
    }
}
