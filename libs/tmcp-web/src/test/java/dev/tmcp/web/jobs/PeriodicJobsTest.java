package dev.tmcp.web.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tmcp.web.jobs.PeriodicJobs.Job;
import dev.tmcp.web.jobs.PeriodicJobs.Runs;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;

class PeriodicJobsTest {

    private static final Duration NEVER_DUE = Duration.ofHours(1);

    private final Sinks.Many<Boolean> wakeUps = Sinks.many().multicast().directBestEffort();
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicReference<Sinks.One<Long>> running = new AtomicReference<>();
    private PeriodicJobs jobs;

    @AfterEach
    void stop() {
        jobs.stop();
    }

    @Test
    void aWakeUpRunsTheJobWithoutWaitingForItsInterval() {
        start();

        wakeUp();

        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 1);
    }

    @Test
    void wakeUpsThatComeDuringARunRunTheJobOnceMoreRightAfterIt() {
        start();
        wakeUp();
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 1);

        wakeUp();
        wakeUp();
        wakeUp();
        finishRun();
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 2);
        finishRun();

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> runs.get() == 2);
        assertThat(runs.get()).isEqualTo(2);
    }

    private void start() {
        Job job = new Job("work", NEVER_DUE, () -> {
            Sinks.One<Long> run = Sinks.one();
            running.set(run);
            runs.incrementAndGet();
            return run.asMono();
        }, Runs.ON_EVERY_REPLICA, wakeUps.asFlux());
        jobs = new PeriodicJobs("test") {
            @Override
            protected List<Job> jobs() {
                return List.of(job);
            }
        };
        jobs.start();
    }

    private void wakeUp() {
        assertThat(wakeUps.tryEmitNext(true).isSuccess()).isTrue();
    }

    private void finishRun() {
        running.get().tryEmitValue(1L);
    }
}
