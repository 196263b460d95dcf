package dev.tmcp.wallet.ledger.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tmcp.core.crypto.Digests;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.money.Money;
import dev.tmcp.test.TestInfrastructure;
import dev.tmcp.wallet.ledger.account.ActivationService;
import dev.tmcp.wallet.provider.MfaProvider;
import dev.tmcp.wallet.provider.ProofProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * MFA challenges in the real Redis: one challenge per payment however many ask at once, and the
 * challenge, its payment index and its attempt counter all expire with the challenge.
 */
@SpringBootTest(properties = {"tmcp.tep.jwks-uri=http://127.0.0.1:1/unused",
        "tmcp.wallet.payment-service-secret=mfa-it-secret-0123456789"})
class MfaChallengesIT {

    private static final String PIN = "482913";
    private static final int REQUESTS = 30;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestInfrastructure.database(registry);
    }

    @Autowired
    ActivationService activation;
    @Autowired
    MfaChallenges challenges;
    @Autowired
    ReactiveStringRedisTemplate redis;

    private String user;

    @BeforeEach
    void activeWallet() {
        user = "@mfa" + UUID.randomUUID().toString().substring(0, 8) + ":test";
        activation.activate(user, PIN, "1.5.0", null, null).block();
    }

    @Test
    void parallelRequestsForOnePaymentGetOneChallengeAndLeaveNoOther() {
        String reference = "p2p_" + UUID.randomUUID();

        List<String> ids = Flux.range(0, REQUESTS)
                .flatMap(i -> Mono.defer(() -> challenges.create(user, reference, Money.ofMinor(1_000, "USD")))
                        .subscribeOn(Schedulers.parallel()), REQUESTS)
                .map(MfaProvider.MfaChallenge::challengeId)
                .collectList().block();

        assertThat(ids).hasSize(REQUESTS).containsOnly(ids.getFirst());
        assertThat(challengesOf(user)).containsExactly("tmcp:wallet:mfa:" + ids.getFirst());
    }

    @Test
    void theChallengeItsPaymentIndexAndItsAttemptsExpireWithinFiveMinutes() {
        String reference = "p2p_" + UUID.randomUUID();
        MfaProvider.MfaChallenge challenge = challenges.create(user, reference, Money.ofMinor(1_000, "USD")).block();
        TmcpException wrong = catchThrowableOfType(TmcpException.class,
                () -> challenges.verify(user, challenge.challengeId(), ProofProvider.PIN,
                        Map.of("hashed_pin", Digests.sha256Hex("111111"))).block());
        assertThat(wrong.code()).isEqualTo(ErrorCode.INVALID_MFA_CREDENTIALS);

        for (String key : List.of("tmcp:wallet:mfa:" + challenge.challengeId(), "tmcp:wallet:mfa-ref:" + user + ":" + reference,
                "tmcp:wallet:mfa-attempts:" + challenge.challengeId())) {
            assertThat(redis.getExpire(key).block()).as(key)
                    .isGreaterThan(MfaChallenges.TTL.minus(Duration.ofMinutes(1))).isLessThanOrEqualTo(MfaChallenges.TTL);
        }
        assertThat(redis.opsForValue().get("tmcp:wallet:mfa-attempts:" + challenge.challengeId()).block()).isEqualTo("1");
        assertThat(redis.<String, String>opsForHash().get("tmcp:wallet:mfa:" + challenge.challengeId(), "status").block())
                .isEqualTo(MfaChallenge.PENDING);
    }

    /** The challenge hashes in Redis that belong to {@code userId}. */
    private List<String> challengesOf(String userId) {
        return redis.scan(ScanOptions.scanOptions().match("tmcp:wallet:mfa:mfa_*").count(1000).build())
                .filterWhen(key -> redis.<String, String>opsForHash().get(key, "user_id").map(userId::equals)
                        .defaultIfEmpty(false))
                .collectList().block();
    }
}
