package dev.tmcp.wallet.ledger.mfa;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.Ids;
import dev.tmcp.core.money.Money;
import dev.tmcp.wallet.ledger.proof.AuthProofs;
import dev.tmcp.wallet.provider.MfaProvider;
import dev.tmcp.wallet.provider.ProofProvider;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * MFA challenges for payments (spec 7.6.4), kept in Redis for five minutes. One live challenge per
 * user and reference: asking again returns it, so new challenges cannot reset the count of wrong
 * answers. Answers are checked by {@link AuthProofs} exactly like {@code /internal/v1/auth/verify}
 * (and count towards its per-user lockout too); three wrong answers lock the challenge (MFA_LOCKED).
 * The device signature is not offered: it is the first factor the payment already checked.
 */
@Service
public class MfaChallenges {

    static final Duration TTL = Duration.ofMinutes(5);
    static final int MAX_ATTEMPTS = 3;
    private static final Set<ErrorCode> WRONG_ANSWERS = Set.of(ErrorCode.INVALID_PIN, ErrorCode.INVALID_SIGNATURE,
            ErrorCode.INVALID_MFA_CREDENTIALS);
    /** Writes the challenge's fields (ARGV[2..]) and its lifetime (ARGV[1] ms) at once, so no challenge outlives its TTL. */
    private static final RedisScript<Long> SAVE = RedisScript.of("""
            redis.call('hset', KEYS[1], unpack(ARGV, 2))
            redis.call('pexpire', KEYS[1], ARGV[1])
            return 1""", Long.class);
    /** Moves the status from ARGV[1] to ARGV[2] only if it is still ARGV[1] (and the challenge still exists); 1 when moved. */
    private static final RedisScript<Long> MOVE_STATUS = RedisScript.of("""
            if redis.call('hget', KEYS[1], 'status') ~= ARGV[1] then return 0 end
            redis.call('hset', KEYS[1], 'status', ARGV[2])
            return 1""", Long.class);
    /** Counts one attempt and (re)starts the counter's lifetime (ARGV[1] ms); returns the attempt's number. */
    private static final RedisScript<Long> COUNT_ATTEMPT = RedisScript.of("""
            local attempt = redis.call('incr', KEYS[1])
            redis.call('pexpire', KEYS[1], ARGV[1])
            return attempt""", Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final AuthProofs proofs;
    private final Counter lockouts;

    MfaChallenges(ReactiveStringRedisTemplate redis, AuthProofs proofs, MeterRegistry meters) {
        this.lockouts = meters.counter("tmcp.auth.lockouts", "kind", "mfa_challenge");
        this.redis = redis;
        this.proofs = proofs;
    }

    public Mono<MfaProvider.MfaChallenge> create(String userId, String reference, Money amount) {
        return proofs.methods(userId).flatMap(registered -> {
            List<String> methods = registered.stream().filter(m -> !ProofProvider.BIOMETRIC.equals(m)).toList();
            if (methods.isEmpty()) {
                return Mono.error(new TmcpException(ErrorCode.DEVICE_NOT_REGISTERED,
                        "No second factor is registered for this account (activate the wallet with a PIN)"));
            }
            MfaChallenge fresh = new MfaChallenge(Ids.next("mfa_"), userId, reference, amount.toDecimal().toPlainString(),
                    amount.currencyCode(), methods, MfaChallenge.PENDING, Instant.now().plus(TTL));
            return save(fresh)
                    .then(redis.opsForValue().setIfAbsent(indexKey(userId, reference), fresh.challengeId(), TTL))
                    .flatMap(first -> first ? Mono.just(fresh)
                            : redis.delete(challengeKey(fresh.challengeId()))
                                    .then(redis.opsForValue().get(indexKey(userId, reference)))
                                    .flatMap(this::load)
                                    .switchIfEmpty(Mono.error(new TmcpException(ErrorCode.SERVICE_UNAVAILABLE,
                                            "A challenge for this payment is being created: try again",
                                            Map.of("retry_after", 1)))));
        }).flatMap(challenge -> MfaChallenge.LOCKED.equals(challenge.status())
                ? Mono.error(locked(challenge)) : Mono.just(challenge)).map(MfaChallenges::view);
    }

    /** Emits the verified challenge; 401 {@code INVALID_MFA_CREDENTIALS} or 429 {@code MFA_LOCKED} otherwise. */
    public Mono<MfaProvider.MfaChallenge> verify(String userId, String challengeId, String method, Map<String, Object> credentials) {
        return load(challengeId)
                .filter(c -> c.userId().equals(userId))
                .switchIfEmpty(Mono.error(() -> new TmcpException(ErrorCode.NOT_FOUND, "No such challenge, or it expired")))
                .flatMap(challenge -> switch (challenge.status()) {
                    case MfaChallenge.VERIFIED -> Mono.just(challenge);
                    case MfaChallenge.LOCKED -> Mono.error(locked(challenge));
                    default -> answer(challenge, method, credentials);
                }).map(MfaChallenges::view);
    }

    private static MfaProvider.MfaChallenge view(MfaChallenge c) {
        return new MfaProvider.MfaChallenge(c.challengeId(), c.reference(), c.methods(), c.status(),
                MfaChallenge.VERIFIED.equals(c.status()), c.expiresAt().toString());
    }

    /**
     * An attempt on the challenge is reserved before the answer is evaluated, so parallel answers
     * cannot exceed {@link #MAX_ATTEMPTS}. The status only ever leaves {@code pending}: a correct
     * answer that arrives after the lock leaves it locked.
     */
    private Mono<MfaChallenge> answer(MfaChallenge challenge, String method, Map<String, Object> credentials) {
        if (!challenge.methods().contains(method)) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "Method " + method + " is not offered",
                    Map.of("methods", challenge.methods())));
        }
        Object timestamp = credentials.get("timestamp");
        String message = timestamp instanceof String t ? challenge.challengeId() + ":" + t : null;
        return redis.execute(COUNT_ATTEMPT, List.of("tmcp:wallet:mfa-attempts:" + challenge.challengeId()),
                        List.of(Long.toString(TTL.toMillis()))).next()
                .flatMap(attempt -> attempt > MAX_ATTEMPTS ? lock(challenge)
                        : proofs.verify(challenge.userId(), method, credentials, message)
                                .then(moveStatus(challenge.challengeId(), MfaChallenge.VERIFIED))
                                .then(load(challenge.challengeId()))
                                .flatMap(after -> MfaChallenge.LOCKED.equals(after.status())
                                        ? Mono.<MfaChallenge>error(locked(after)) : Mono.just(after))
                                .onErrorResume(e -> e instanceof TmcpException t && WRONG_ANSWERS.contains(t.code()),
                                        e -> attempt >= MAX_ATTEMPTS ? lock(challenge)
                                                : Mono.error(new TmcpException(ErrorCode.INVALID_MFA_CREDENTIALS,
                                                        "The answer is not correct",
                                                        Map.of("attempts_remaining", MAX_ATTEMPTS - attempt)))));
    }

    private Mono<MfaChallenge> lock(MfaChallenge challenge) {
        return moveStatus(challenge.challengeId(), MfaChallenge.LOCKED)
                .doOnNext(lockedNow -> {
                    if (lockedNow) {
                        lockouts.increment();
                    }
                })
                .then(Mono.error(locked(challenge)));
    }

    /** Emits whether the status moved from {@code pending} to {@code status}; it never leaves any other. */
    private Mono<Boolean> moveStatus(String challengeId, String status) {
        return redis.execute(MOVE_STATUS, List.of(challengeKey(challengeId)), List.of(MfaChallenge.PENDING, status))
                .next().map(moved -> moved == 1);
    }

    private Mono<Void> save(MfaChallenge c) {
        List<String> fields = List.of(Long.toString(TTL.toMillis()), "user_id", c.userId(), "reference", c.reference(),
                "amount", c.amount(), "currency", c.currency(), "methods", String.join(",", c.methods()),
                "status", c.status(), "expires_at", c.expiresAt().toString());
        return redis.execute(SAVE, List.of(challengeKey(c.challengeId())), fields).then();
    }

    private Mono<MfaChallenge> load(String challengeId) {
        return redis.<String, String>opsForHash().entries(challengeKey(challengeId))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .filter(m -> m.containsKey("user_id"))
                .map(m -> new MfaChallenge(challengeId, m.get("user_id"), m.get("reference"), m.get("amount"),
                        m.get("currency"), Arrays.asList(m.get("methods").split(",")), m.get("status"),
                        Instant.parse(m.get("expires_at"))));
    }

    private static String challengeKey(String challengeId) {
        return "tmcp:wallet:mfa:" + challengeId;
    }

    private static String indexKey(String userId, String reference) {
        return "tmcp:wallet:mfa-ref:" + userId + ":" + reference;
    }

    private static TmcpException locked(MfaChallenge challenge) {
        long retryAfter = Math.max(1, Duration.between(Instant.now(), challenge.expiresAt()).toSeconds());
        return new TmcpException(ErrorCode.MFA_LOCKED, "Too many wrong answers: this challenge is locked",
                Map.of("retry_after", retryAfter));
    }
}
