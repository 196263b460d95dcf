package dev.tmcp.wallet.ledger.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.tmcp.core.crypto.Digests;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.money.Money;
import dev.tmcp.test.TestInfrastructure;
import dev.tmcp.wallet.ledger.account.ActivationService;
import dev.tmcp.wallet.provider.MfaProvider;
import dev.tmcp.wallet.provider.ProofProvider;
import dev.tmcp.wallet.provider.WalletProvider;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * PIN and MFA lockouts under parallel guesses, on the real database and Redis: at most the budget
 * (5 per user, 3 per challenge) is evaluated, counted as argon2 verifications, and a correct answer
 * after the lock is refused.
 */
@SpringBootTest(properties = {"tmcp.tep.jwks-uri=http://127.0.0.1:1/unused",
        "tmcp.wallet.payment-service-secret=lockout-it-secret-0123456789", "tmcp.wallet.pin-attempts=5"})
class ProofLockoutIT {

    private static final String PIN = "482913";
    private static final int GUESSES = 50;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.database(registry);
    }

    @MockitoSpyBean
    PinHasher pins;
    @Autowired
    ActivationService activation;
    @Autowired
    AuthProofs proofs;
    @Autowired
    WalletProvider wallets;
    @Autowired
    MeterRegistry meters;

    private String user;
    private String walletId;

    @BeforeEach
    void activeWallet() {
        user = "@lock" + UUID.randomUUID().toString().substring(0, 8) + ":test";
        walletId = activation.activate(user, PIN, "1.5.0", null, null).block().walletId();
        clearInvocations(pins);
    }

    @Test
    void fiftyParallelWrongPinsAreEvaluatedOnlyFiveTimes() {
        Map<ErrorCode, Long> outcomes = parallel(i -> proofs.verify(user, ProofProvider.PIN, pin("1" + (10000 + i)), null));

        verify(pins, times(5)).matches(any(), any());
        assertThat(outcomes).containsEntry(ErrorCode.INVALID_PIN, 5L).containsEntry(ErrorCode.MFA_LOCKED, 45L);
    }

    @Test
    void aLockoutIsCountedOnceHoweverManyGuessesRunIntoIt() {
        double before = meters.counter("tmcp.auth.lockouts", "kind", "payment_proof").count();

        parallel(i -> proofs.verify(user, ProofProvider.PIN, pin("1" + (10000 + i)), null));

        assertThat(meters.counter("tmcp.auth.lockouts", "kind", "payment_proof").count() - before).isEqualTo(1);
    }

    @Test
    void fiftyParallelCorrectPinsAreAllAccepted() {
        List<String> accepted = Flux.range(0, GUESSES)
                .flatMap(i -> Mono.defer(() -> proofs.verify(user, ProofProvider.PIN, pin(PIN), null))
                        .subscribeOn(Schedulers.parallel()), GUESSES)
                .collectList().block();

        assertThat(accepted).hasSize(GUESSES).containsOnly(ProofProvider.PIN);
    }

    @Test
    void theCorrectPinAfterTheLockIsRefused() {
        parallel(i -> proofs.verify(user, ProofProvider.PIN, pin("1" + (10000 + i)), null));

        TmcpException late = catchThrowableOfType(TmcpException.class,
                () -> proofs.verify(user, ProofProvider.PIN, pin(PIN), null).block());

        assertThat(late.code()).isEqualTo(ErrorCode.MFA_LOCKED);
    }

    @Test
    void theLockLastsThePinWindowFromTheFirstWrongPin() {
        parallel(i -> proofs.verify(user, ProofProvider.PIN, pin("1" + (10000 + i)), null));

        TmcpException late = catchThrowableOfType(TmcpException.class,
                () -> proofs.verify(user, ProofProvider.PIN, pin(PIN), null).block());

        // tmcp.wallet.pin-lock-window: 15 minutes, counted from the first wrong PIN.
        assertThat(((Number) late.details().get("retry_after")).longValue()).isBetween(15 * 60L - 60, 15 * 60L);
    }

    @Test
    void aOneTimeCodeSentFiftyTimesAtOnceIsAcceptedOnce() {
        String secret = proofs.enrollTotp(walletId).block();
        String code = Totp.code(Totp.unbase32(secret), Totp.step(java.time.Instant.now()));

        List<Object> outcomes = Flux.range(0, GUESSES)
                .flatMap(i -> Mono.defer(() -> proofs.verify(user, ProofProvider.OTP, Map.of("otp_code", code), null))
                        .subscribeOn(Schedulers.parallel())
                        .<Object>map(method -> method)
                        .onErrorResume(TmcpException.class, e -> Mono.just(e.code())), GUESSES)
                .collectList().block();

        assertThat(outcomes).containsOnlyOnce(ProofProvider.OTP)
                .allMatch(o -> o.equals(ProofProvider.OTP) || o == ErrorCode.INVALID_MFA_CREDENTIALS || o == ErrorCode.MFA_LOCKED);
    }

    @Test
    void fiftyParallelWrongAnswersToAChallengeAreEvaluatedOnlyThreeTimesAndTheCorrectOneAfterIsRefused() {
        MfaProvider.MfaChallenge challenge = wallets.mfaChallenge(user, "p2p_" + UUID.randomUUID(),
                Money.ofMinor(1_000, "USD")).block();

        Map<ErrorCode, Long> outcomes = parallel(i -> wallets.mfaVerify(user, challenge.challengeId(), ProofProvider.PIN,
                pin("1" + (10000 + i))));
        TmcpException late = catchThrowableOfType(TmcpException.class,
                () -> wallets.mfaVerify(user, challenge.challengeId(), ProofProvider.PIN, pin(PIN)).block());

        verify(pins, times(3)).matches(any(), any());
        assertThat(outcomes.get(ErrorCode.INVALID_MFA_CREDENTIALS) + outcomes.get(ErrorCode.MFA_LOCKED)).isEqualTo(GUESSES);
        assertThat(outcomes).containsEntry(ErrorCode.INVALID_MFA_CREDENTIALS, 2L);
        assertThat(late.code()).isEqualTo(ErrorCode.MFA_LOCKED);
    }

    private static Map<String, Object> pin(String digits) {
        return Map.of("hashed_pin", Digests.sha256Hex(digits));
    }

    /** Runs the guesses all at once; emits how many ended with each error code. */
    private static Map<ErrorCode, Long> parallel(java.util.function.IntFunction<Mono<?>> guess) {
        List<ErrorCode> codes = Flux.range(0, GUESSES)
                .flatMap(i -> Mono.defer(() -> guess.apply(i)).subscribeOn(Schedulers.parallel())
                        .then(Mono.<ErrorCode>error(new AssertionError("a wrong answer was accepted")))
                        .onErrorResume(TmcpException.class, e -> Mono.just(e.code())), GUESSES)
                .collectList().block();
        return codes.stream().collect(java.util.stream.Collectors.groupingBy(c -> c, java.util.stream.Collectors.counting()));
    }
}
