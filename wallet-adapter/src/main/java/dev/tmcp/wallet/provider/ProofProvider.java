package dev.tmcp.wallet.provider;

import dev.tmcp.core.money.Money;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/** How a payer proves a payment is theirs (7.2.2): the methods open to them and the check of a proof. */
public interface ProofProvider {

    /** The proof methods of 7.2.2, as {@code verifyProof} names them. */
    String PIN = "pin";
    String BIOMETRIC = "biometric";
    String OTP = "otp";

    /** The authenticator parameters of an OTP enrolment (RFC 6238 defaults). */
    int TOTP_DIGITS = 6;
    int TOTP_PERIOD_SECONDS = 30;

    /** 7.2.2: how this user can authorize {@code amount}, and whether a recipient must accept. */
    Mono<AuthPolicy> authPolicy(String userId, Money amount);

    /** Checks a payment proof (PIN, device signature over {@code message}, OTP); emits the method. */
    Mono<String> verifyProof(String userId, String method, Map<String, Object> proof, String message);

    /** Enrolls an authenticator for OTP proofs; emits the base32 secret. */
    Mono<String> enrollTotp(String userId);

    record AuthPolicy(List<String> availableMethods, String recommendedMethod, boolean recipientAcceptanceRequired,
            boolean authUpgradeRequired) {
    }
}
