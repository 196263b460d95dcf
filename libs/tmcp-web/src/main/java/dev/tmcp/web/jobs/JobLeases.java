package dev.tmcp.web.jobs;

import java.time.Duration;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Leases on the service's periodic jobs in its own database, so a job runs on at most one replica
 * at a time (decision 0040). The holder is the replica's stable name (host and port), so a replica
 * restarted in place takes its jobs back at once; another replica takes them over when the lease of
 * a killed one expires. A run is cut at {@code runTimeout}, half the lease, so it ends before the
 * lease can pass to someone else. Times are the database's, not the replicas' clocks.
 *
 * <p>Replicas share leases within a {@code group} (by default one for the whole service). A second,
 * differently configured deployment on the same database (the crash tests' own payment-service
 * next to the stack's) takes a group of its own, so its jobs run under its own settings.
 */
public class JobLeases {

    private final DatabaseClient db;
    private final String holder;
    private final String group;
    private final Duration runTimeout;

    public JobLeases(DatabaseClient db, String holder, Duration runTimeout) {
        this(db, holder, "", runTimeout);
    }

    public JobLeases(DatabaseClient db, String holder, String group, Duration runTimeout) {
        if (runTimeout.isNegative() || runTimeout.isZero()) {
            throw new IllegalArgumentException("tmcp.jobs.run-timeout must be positive");
        }
        this.db = db;
        this.holder = holder;
        this.group = group;
        this.runTimeout = runTimeout;
    }

    public String holder() {
        return holder;
    }

    public Duration runTimeout() {
        return runTimeout;
    }

    public Duration lease() {
        return runTimeout.multipliedBy(2);
    }

    /** True when this replica holds the job's lease now (taken or renewed for another lease). */
    public Mono<Boolean> acquire(String job) {
        return db.sql("insert into job_lease (job, holder, expires_at) "
                        + "values (:job, :holder, now() + make_interval(secs => :seconds)) "
                        + "on conflict (job) do update set holder = excluded.holder, expires_at = excluded.expires_at "
                        + "where job_lease.holder = excluded.holder or job_lease.expires_at <= now() "
                        + "returning holder")
                .bind("job", key(job))
                .bind("holder", holder)
                .bind("seconds", lease().toMillis() / 1000.0)
                .map(r -> r.get(0, String.class))
                .one()
                .map(holder::equals)
                .defaultIfEmpty(false);
    }

    /** Gives the job up, so another replica may run it at its next tick. */
    public Mono<Void> release(String job) {
        return db.sql("delete from job_lease where job = :job and holder = :holder")
                .bind("job", key(job))
                .bind("holder", holder)
                .fetch()
                .rowsUpdated()
                .then();
    }

    private String key(String job) {
        return group.isEmpty() ? job : group + ":" + job;
    }
}
