package dev.tmcp.web.jobs;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A service's background loops, started and stopped with the application: each job runs every so
 * often, one run at a time (ticks that come while it runs are dropped), and a failed run is logged
 * and retried at the next tick. A subclass names its jobs.
 *
 * <p>With several replicas, a job runs on one replica at a time: each run first takes or renews the
 * job's lease ({@link JobLeases}) and is cut at the lease's run timeout. Jobs that only refresh this
 * replica's gauges, or that share their work safely by themselves, run {@link Runs#ON_EVERY_REPLICA}.
 *
 * <p>A job may also be woken between its ticks (new work has just been committed, say): a wake-up
 * that comes while the job runs is kept, one at most, and runs it again right after.
 */
public abstract class PeriodicJobs implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicJobs.class);

    public enum Runs {
        ONE_REPLICA_AT_A_TIME,
        ON_EVERY_REPLICA
    }

    /** {@code work} emits how many items it handled; a signal of {@code wakeUps} (optional) runs it when it is free. */
    public record Job(String name, Duration every, Supplier<Mono<Long>> work, Runs runs, Publisher<?> wakeUps) {

        public Job(String name, Duration every, Supplier<Mono<Long>> work, Runs runs) {
            this(name, every, work, runs, null);
        }

        public Job(String name, Duration every, Supplier<Mono<Long>> work) {
            this(name, every, work, Runs.ONE_REPLICA_AT_A_TIME);
        }
    }

    private final String owner;
    private JobLeases leases;
    private volatile List<Job> started = List.of();
    private volatile Disposable.Composite loops;

    protected PeriodicJobs(String owner) {
        this.owner = owner;
    }

    protected abstract List<Job> jobs();

    /** Set by the application context; without leases (a single process) every job runs here. */
    @Autowired(required = false)
    public void setLeases(JobLeases leases) {
        this.leases = leases;
    }

    @Override
    public void start() {
        started = jobs();
        loops = Disposables.composite(started.stream().map(this::loop).toList());
    }

    private Disposable loop(Job job) {
        Flux<?> triggers = job.wakeUps() == null ? Flux.interval(job.every()).onBackpressureDrop()
                : Flux.merge(Flux.interval(job.every()), job.wakeUps()).onBackpressureLatest();
        // No prefetch: nothing queues behind a run but what the backpressure strategy above keeps.
        return triggers
                .concatMap(tick -> runOnce(job).onErrorResume(e -> {
                    log.warn("{} {} failed, will retry: {}", owner, job.name(), e.toString());
                    return Mono.just(0L);
                }), 0)
                .subscribe();
    }

    private Mono<Long> runOnce(Job job) {
        JobLeases current = leases;
        if (current == null || job.runs() == Runs.ON_EVERY_REPLICA) {
            return job.work().get();
        }
        return current.acquire(leaseName(job))
                .flatMap(held -> held ? job.work().get().timeout(current.runTimeout()) : Mono.just(0L));
    }

    private String leaseName(Job job) {
        return owner + "/" + job.name();
    }

    @Override
    public void stop() {
        Disposable.Composite current = loops;
        if (current != null) {
            current.dispose();
        }
        loops = null;
        releaseLeases();
    }

    /** Lets another replica take the jobs at its next tick instead of when the leases expire. */
    private void releaseLeases() {
        JobLeases current = leases;
        if (current == null) {
            return;
        }
        Flux.fromIterable(started)
                .filter(job -> job.runs() == Runs.ONE_REPLICA_AT_A_TIME)
                .concatMap(job -> current.release(leaseName(job)))
                .then()
                .onErrorResume(e -> {
                    log.warn("{} job leases not released, they expire in {}: {}", owner, current.lease(), e.toString());
                    return Mono.empty();
                })
                .block(Duration.ofSeconds(5));
    }

    @Override
    public boolean isRunning() {
        Disposable.Composite current = loops;
        return current != null && !current.isDisposed();
    }
}
