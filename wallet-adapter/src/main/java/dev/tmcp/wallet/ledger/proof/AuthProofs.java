package dev.tmcp.wallet.ledger.proof;

import static dev.tmcp.wallet.provider.ProofProvider.BIOMETRIC;
import static dev.tmcp.wallet.provider.ProofProvider.OTP;
import static dev.tmcp.wallet.provider.ProofProvider.PIN;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Checks a payer's authorization proof (spec 7.2.1, 7.2.4, 7.3.2): a hashed PIN, a device
 * signature over the caller's message with the key registered at activation, or a TOTP code.
 * Every wrong proof counts towards one lockout per user (MFA_LOCKED), whatever the method, so
 * switching methods does not multiply the guesses.
 */
@Service
public class AuthProofs {

    static final Duration SIGNATURE_WINDOW = Duration.ofMinutes(5);

    private final Credentials credentials;
    private final PinHasher pins;
    private final PinAttempts attempts;
    private final ReactiveStringRedisTemplate redis;

    AuthProofs(Credentials credentials, PinHasher pins, PinAttempts attempts, ReactiveStringRedisTemplate redis) {
        this.credentials = credentials;
        this.pins = pins;
        this.attempts = attempts;
        this.redis = redis;
    }

    /** Methods this user can prove with, strongest first (biometric > PIN > OTP). */
    public Mono<List<String>> methods(String userId) {
        return credentials.of(userId).map(AuthProofs::methods).defaultIfEmpty(List.of());
    }

    static List<String> methods(Credentials.Registered registered) {
        List<String> methods = new ArrayList<>();
        if (registered.hasDevice()) {
            methods.add(BIOMETRIC);
        }
        if (registered.hasPin()) {
            methods.add(PIN);
        }
        if (registered.hasTotp()) {
            methods.add(OTP);
        }
        return methods;
    }

    /**
     * Emits the method on success. {@code message} is what a device signature must cover; it must
     * end with the proof's timestamp, so the timestamp checked for freshness is the one signed. A
     * well-formed proof is evaluated only after an attempt was reserved ({@link PinAttempts}), so
     * parallel guesses cannot exceed the budget.
     */
    public Mono<String> verify(String userId, String method, Map<String, Object> proof, String message) {
        return credentials.of(userId)
                .switchIfEmpty(Mono.error(new TmcpException(ErrorCode.WALLET_NOT_FOUND, "No wallet for this user")))
                .flatMap(registered -> {
                    if (!"active".equals(registered.userStatus())) {
                        return Mono.error(new TmcpException(ErrorCode.P2P_SEND_NOT_ALLOWED, "Activate your account before paying"));
                    }
                    Check check = switch (method == null ? "" : method) {
                        case PIN -> pin(registered, proof);
                        case BIOMETRIC -> signature(registered, proof, message);
                        case OTP -> otp(userId, registered, proof);
                        default -> throw new TmcpException(ErrorCode.INVALID_REQUEST,
                                "Authorization method " + method + " is not available for this account",
                                Map.of("available_methods", methods(registered)));
                    };
                    Mono<String> evaluated = check.wrong().map(java.util.Optional::of)
                            .defaultIfEmpty(java.util.Optional.empty())
                            .onErrorResume(e -> attempts.abandoned(userId).then(Mono.error(e)))
                            .flatMap(wrong -> wrong.isEmpty() ? attempts.succeeded(userId).thenReturn(method)
                                    : attempts.failed(userId).flatMap(left -> Mono.<String>error(new TmcpException(
                                            check.code(), wrong.get(), Map.of("attempts_remaining", left)))));
                    return attempts.reserve(userId).then(evaluated);
                });
    }

    /**
     * A well-formed proof, ready to evaluate: {@code wrong} emits why the proof is wrong, or
     * completes empty when it is right. Nothing is evaluated before it is subscribed.
     */
    private record Check(ErrorCode code, Mono<String> wrong) {
    }

    private Check pin(Credentials.Registered registered, Map<String, Object> proof) {
        Object hashedPin = proof.get("hashed_pin");
        if (!(hashedPin instanceof String pin) || !pin.matches("[0-9a-f]{64}")) {
            throw new TmcpException(ErrorCode.INVALID_REQUEST, "proof.hashed_pin must be the lowercase hex SHA-256 of the PIN");
        }
        return new Check(ErrorCode.INVALID_PIN, Mono.defer(() -> pins.matches(pin, registered.pinHash()))
                .flatMap(ok -> ok ? Mono.empty() : Mono.just("PIN is not correct")));
    }

    private Check signature(Credentials.Registered registered, Map<String, Object> proof, String message) {
        if (!(proof.get("signature") instanceof String signature) || !(proof.get("device_id") instanceof String deviceId)
                || !(proof.get("timestamp") instanceof String timestamp) || message == null) {
            throw new TmcpException(ErrorCode.INVALID_REQUEST, "A signature proof needs signature, device_id and timestamp");
        }
        if (!registered.hasDevice() || !registered.deviceId().equals(deviceId)) {
            throw new TmcpException(ErrorCode.DEVICE_NOT_REGISTERED, "This device is not registered for payments");
        }
        return new Check(ErrorCode.INVALID_SIGNATURE, Mono.fromCallable(() -> {
            if (!fresh(timestamp) || !message.endsWith(":" + timestamp)) {
                return "The signed timestamp must be within 5 minutes of server time";
            }
            return DeviceKeys.verify(DeviceKeys.parse(registered.publicKey()), message, signature)
                    ? null : "Signature verification failed";
        }));
    }

    private Check otp(String userId, Credentials.Registered registered, Map<String, Object> proof) {
        if (!registered.hasTotp()) {
            throw new TmcpException(ErrorCode.INVALID_REQUEST, "No authenticator is enrolled for this account",
                    Map.of("available_methods", methods(registered)));
        }
        Object code = proof.get("otp_code");
        return new Check(ErrorCode.INVALID_MFA_CREDENTIALS, Mono.defer(() -> {
            long step = Totp.matchingStep(registered.totpSecret(), code instanceof String s ? s : null, Instant.now());
            if (step < 0) {
                return Mono.just("The one-time code is not correct");
            }
            // A code proves presence once: the same code replayed within its window is refused.
            return redis.opsForValue().setIfAbsent("tmcp:wallet:totp-used:" + userId + ":" + step, "1",
                            Duration.ofSeconds(Totp.PERIOD_SECONDS * 3L))
                    .flatMap(first -> first ? Mono.<String>empty() : Mono.just("This one-time code was already used"));
        }));
    }

    static boolean fresh(String timestamp) {
        try {
            Instant at = Instant.parse(timestamp);
            return Duration.between(at, Instant.now()).abs().compareTo(SIGNATURE_WINDOW) <= 0;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Enrolls (or replaces) the user's authenticator; returns the new base32 secret. */
    public Mono<String> enrollTotp(String walletId) {
        String secret = Totp.newSecret();
        return credentials.setTotpSecret(walletId, secret).thenReturn(secret);
    }
}
