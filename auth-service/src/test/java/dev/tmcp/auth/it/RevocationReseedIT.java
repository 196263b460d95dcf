package dev.tmcp.auth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tmcp.web.jobs.PeriodicJobs;
import dev.tmcp.web.tep.SessionRevocations;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Revocations survive the loss of Redis: with the revocation key and the sentinel gone (as after a
 * restart without persistence), a revoked TEP is refused with 503 until auth-service has re-seeded
 * Redis from its database, and with 401 after; it is never accepted. The re-seeding job is held
 * while Redis "has lost" its data, so the in-between state is observed, not raced. Only this
 * test's own keys, on the tests' own Redis database, are deleted.
 */
class RevocationReseedIT extends AuthServiceIT {

    @Autowired
    ReactiveStringRedisTemplate redis;
    @Autowired
    ApplicationContext context;

    private PeriodicJobs reseeder;

    @BeforeEach
    void findTheReseeder() {
        reseeder = context.getBeansOfType(PeriodicJobs.class).values().stream()
                .filter(jobs -> jobs.getClass().getSimpleName().startsWith("RevocationReseeder"))
                .findFirst().orElseThrow();
    }

    @AfterEach
    void resumeTheReseeder() {
        if (!reseeder.isRunning()) {
            reseeder.start();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> redis.hasKey(SessionRevocations.SEEDED).block());
    }

    private static Answer useTep(String tep) {
        return json("POST", "/api/v1/auth/revoke", bearer(tep), Map.of("reason", "user_initiated"));
    }

    private static String tep(String prefix) {
        String app = "ma_itredis_" + run();
        REGISTRY.publicApp(app);
        Answer issued = exchange(matrixUser(prefix).accessToken(), app, "user:read");
        assertThat(issued.status()).as("%s", issued.body()).isEqualTo(200);
        return issued.text("access_token");
    }

    @Test
    void aRevokedTepStaysRefusedThroughTheLossOfRedis() {
        String tep = tep("redisloss");
        assertThat(useTep(tep).status()).as("the revocation").isEqualTo(200);
        assertThat(useTep(tep).status()).as("refused once revoked").isEqualTo(401);
        String sessionKey = "tmcp:revoked:session:" + claim(tep, "session_id");

        reseeder.stop();
        assertThat(redis.delete(SessionRevocations.SEEDED, sessionKey).block()).isEqualTo(2L);
        Answer meanwhile = useTep(tep);
        reseeder.start();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> redis.hasKey(SessionRevocations.SEEDED).block());

        assertThat(meanwhile.status()).as("while Redis has lost its revocations: %s", meanwhile.body()).isEqualTo(503);
        assertThat(redis.hasKey(sessionKey).block()).as("re-seeded from the database").isTrue();
        assertThat(useTep(tep).status()).isEqualTo(401);
    }

    @Test
    void withoutTheSentinelEveryTepIsRefusedWith503AndRetryAfter() {
        String tep = tep("redisunknown");

        reseeder.stop();
        redis.delete(SessionRevocations.SEEDED).block();
        Answer answer = useTep(tep);

        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(503);
        assertThat(answer.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(answer.code()).isEqualTo("SERVICE_UNAVAILABLE");
    }
}
