package dev.tmcp.web.retention;

import dev.tmcp.web.jobs.PeriodicJobs;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Deletes rows that nothing needs any more (published outbox rows, old processed-event marks, a
 * service's own logs), rule by rule, in short batches so no delete holds locks for long. Runs on
 * one replica at a time; a run stops after {@code maxBatches} batches per rule and the next run goes
 * on, so a large backlog drains over a few runs instead of in one long transaction.
 */
public class Retention extends PeriodicJobs {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final DatabaseClient db;
    private final List<RetentionRule> rules;
    private final Duration every;
    private final int batch;
    private final int maxBatches;
    private final MeterRegistry meters;

    public Retention(DatabaseClient db, List<RetentionRule> rules, Duration every, int batch, int maxBatches,
            MeterRegistry meters) {
        super("retention");
        this.db = db;
        this.rules = List.copyOf(rules);
        this.every = every;
        this.batch = batch;
        this.maxBatches = maxBatches;
        this.meters = meters;
    }

    @Override
    protected List<Job> jobs() {
        return List.of(new Job("purge", every, this::purge));
    }

    /** Applies every rule once; emits how many rows were deleted. */
    public Mono<Long> purge() {
        return Flux.fromIterable(rules).concatMap(this::apply).reduce(0L, Long::sum);
    }

    private Mono<Long> apply(RetentionRule rule) {
        return deleteBatch(rule)
                .expand(deleted -> deleted < batch ? Mono.empty() : deleteBatch(rule))
                .take(maxBatches)
                .reduce(0L, Long::sum)
                .doOnNext(deleted -> {
                    if (deleted > 0) {
                        meters.counter("tmcp.retention.deleted", "table", rule.table()).increment(deleted);
                        log.info("retention deleted {} row(s) of {} older than {}", deleted, rule.name(), rule.keep());
                    }
                });
    }

    private Mono<Long> deleteBatch(RetentionRule rule) {
        return db.sql(rule.deleteBatchSql())
                .bind("keep", (double) rule.keep().toSeconds())
                .bind("batch", batch)
                .fetch().rowsUpdated();
    }
}
