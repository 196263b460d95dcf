package dev.tmcp.web.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tmcp.test.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;

/** Job leases on real PostgreSQL: two replicas of one service, each with its own loops. */
@SpringBootTest(classes = JobLeasesIT.App.class, properties = {
        "spring.main.web-application-type=none",
        "tmcp.db.name=unused",
        "tmcp.outbox.relay.enabled=false"})
class JobLeasesIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.database(registry);
        TestInfrastructure.kafka(registry);
    }

    @Autowired
    DatabaseClient db;

    private final String owner = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<PeriodicJobs> running = new java.util.ArrayList<>();

    @AfterEach
    void stopAll() {
        running.forEach(PeriodicJobs::stop);
    }

    @Test
    void aJobRunsOnOneReplicaAtATime() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        Supplier<Mono<Long>> work = () -> Mono.defer(() -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            runs.incrementAndGet();
            // The run counts as over before its result goes downstream: doFinally would run only after
            // the job had released its lease, and another replica may take it in between.
            return Mono.delay(Duration.ofMillis(30)).map(tick -> {
                inFlight.decrementAndGet();
                return 1L;
            });
        });
        start("replica-a", Duration.ofSeconds(5), work);
        start("replica-b", Duration.ofSeconds(5), work);

        await().atMost(Duration.ofSeconds(20)).until(() -> runs.get() >= 20);
        assertThat(most.get()).as("runs of the job at the same time").isEqualTo(1);
    }

    @Test
    void aKilledReplicasJobIsTakenOverWhenItsLeaseExpires() {
        db.sql("insert into job_lease (job, holder, expires_at) values (:job, 'killed', now() + interval '2 seconds')")
                .bind("job", owner + "/work").fetch().rowsUpdated().block();
        AtomicInteger runs = new AtomicInteger();
        long started = System.nanoTime();
        start("survivor", Duration.ofSeconds(1), counting(runs));

        await().atMost(Duration.ofSeconds(15)).until(() -> runs.get() > 0);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("taken over after the lease expired")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void aStoppedReplicaHandsItsJobsOverAtOnce() {
        AtomicInteger first = new AtomicInteger();
        PeriodicJobs stopping = start("stopping", Duration.ofSeconds(30), counting(first));
        await().atMost(Duration.ofSeconds(10)).until(() -> first.get() > 0);
        stopping.stop();

        AtomicInteger second = new AtomicInteger();
        start("next", Duration.ofSeconds(30), counting(second));
        // Well before the stopped replica's 60 s lease would have expired.
        await().atMost(Duration.ofSeconds(10)).until(() -> second.get() > 0);
    }

    @Test
    void aRunThatHangsIsCutAndTheJobGoesOn() {
        AtomicInteger calls = new AtomicInteger();
        start("hanging", Duration.ofMillis(300), () -> calls.incrementAndGet() == 1 ? Mono.never() : Mono.just(1L));

        await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() >= 2);
    }

    @Test
    void theHolderRenewsItsLeaseAndNobodyElseTakesIt() {
        JobLeases mine = new JobLeases(db, "pod-1:8083", Duration.ofSeconds(30));
        JobLeases other = new JobLeases(db, "pod-2:8083", Duration.ofSeconds(30));
        String job = owner + "/renew";

        assertThat(mine.acquire(job).block()).isTrue();
        assertThat(other.acquire(job).block()).isFalse();
        assertThat(new JobLeases(db, "pod-1:8083", Duration.ofSeconds(30)).acquire(job).block())
                .as("the same replica restarted in place").isTrue();
    }

    private static Supplier<Mono<Long>> counting(AtomicInteger runs) {
        return () -> Mono.fromSupplier(() -> (long) runs.incrementAndGet());
    }

    private PeriodicJobs start(String holder, Duration runTimeout, Supplier<Mono<Long>> work) {
        PeriodicJobs jobs = new PeriodicJobs(owner) {
            @Override
            protected List<Job> jobs() {
                return List.of(new Job("work", Duration.ofMillis(10), work));
            }
        };
        jobs.setLeases(new JobLeases(db, holder, runTimeout));
        jobs.start();
        running.add(jobs);
        return jobs;
    }

    @SpringBootApplication
    static class App {
    }
}
