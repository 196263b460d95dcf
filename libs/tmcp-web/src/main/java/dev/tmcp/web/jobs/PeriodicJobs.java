package dev.tmcp.web.jobs;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A service's background loops, started and stopped with the application: each job runs every so
 * often, one run at a time (ticks that come while it runs are dropped), and a failed run is logged
 * and retried at the next tick. A subclass names its jobs.
 */
public abstract class PeriodicJobs implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicJobs.class);

    /** {@code work} emits how many items it handled. */
    public record Job(String name, Duration every, Supplier<Mono<Long>> work) {
    }

    private final String owner;
    private volatile Disposable.Composite loops;

    protected PeriodicJobs(String owner) {
        this.owner = owner;
    }

    protected abstract List<Job> jobs();

    @Override
    public void start() {
        loops = Disposables.composite(jobs().stream().map(this::loop).toList());
    }

    private Disposable loop(Job job) {
        return Flux.interval(job.every())
                .onBackpressureDrop()
                .concatMap(tick -> job.work().get().onErrorResume(e -> {
                    log.warn("{} {} failed, will retry: {}", owner, job.name(), e.toString());
                    return Mono.just(0L);
                }), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable.Composite current = loops;
        if (current != null) {
            current.dispose();
        }
        loops = null;
    }

    @Override
    public boolean isRunning() {
        Disposable.Composite current = loops;
        return current != null && !current.isDisposed();
    }
}
