package dev.tmcp.web.jobs;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A service's background loops: each job runs every so often, one run at a time (ticks that come
 * while it runs are dropped), and a failed run is logged and retried at the next tick. Owners call
 * {@link #start} and {@link #stop} from their lifecycle.
 */
public final class PeriodicJobs {

    private static final Logger log = LoggerFactory.getLogger(PeriodicJobs.class);

    /** {@code work} emits how many items it handled. */
    public record Job(String name, Duration every, Supplier<Mono<Long>> work) {
    }

    private final String owner;
    private final List<Job> jobs;
    private volatile Disposable.Composite loops;

    public PeriodicJobs(String owner, List<Job> jobs) {
        this.owner = owner;
        this.jobs = List.copyOf(jobs);
    }

    public void start() {
        loops = Disposables.composite(jobs.stream().map(this::loop).toList());
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

    public void stop() {
        Disposable.Composite current = loops;
        if (current != null) {
            current.dispose();
        }
        loops = null;
    }

    public boolean isRunning() {
        Disposable.Composite current = loops;
        return current != null && !current.isDisposed();
    }
}
