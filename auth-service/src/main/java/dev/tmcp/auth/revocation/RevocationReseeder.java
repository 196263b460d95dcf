package dev.tmcp.auth.revocation;

import dev.tmcp.auth.AuthProperties;
import dev.tmcp.auth.developer.DeveloperProperties;
import dev.tmcp.web.jobs.PeriodicJobs;
import dev.tmcp.web.tep.SessionRevocations;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The database is the record of revocations; Redis is the copy every verifier reads (decision
 * 0025). When Redis has lost the copy (its sentinel is gone: a restart without persistence, a
 * flush, a failover to an empty replica), this job writes back every revocation still in force —
 * TEP and developer sessions revoked within their token lifetime — with its remaining lifetime,
 * and then the sentinel. Until then verifiers answer 503, never "live".
 */
@Component
class RevocationReseeder extends PeriodicJobs {

    private static final Logger log = LoggerFactory.getLogger(RevocationReseeder.class);
    /** Verifiers accept {@code exp} this much late; a revocation outlives its tokens by as much. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final DatabaseClient db;
    private final SessionRevocations revocations;
    private final Duration tepLifetime;
    private final Duration developerTokenLifetime;
    private final Duration every;

    RevocationReseeder(DatabaseClient db, SessionRevocations revocations, AuthProperties properties,
            DeveloperProperties developer, @Value("${tmcp.auth.revocation-reseed-interval:2s}") Duration every) {
        super("auth-service");
        this.db = db;
        this.revocations = revocations;
        this.tepLifetime = properties.tepLifetime();
        this.developerTokenLifetime = developer.tokenLifetime();
        this.every = every;
    }

    @Override
    protected List<Job> jobs() {
        return List.of(new Job("revocation-reseed", every, this::reseedIfLost));
    }

    /** Answers how many revocations were written back (0 when Redis still had them). */
    Mono<Long> reseedIfLost() {
        return revocations.seeded().flatMap(seeded -> seeded ? Mono.just(0L) : reseed());
    }

    private Mono<Long> reseed() {
        Instant now = Instant.now();
        return db.sql("select session_id, revoked_at, 'tep' as kind from tep_session where revoked_at > :tepCutoff "
                        + "union all select session_id, revoked_at, 'developer' from developer_session "
                        + "where revoked_at > :developerCutoff")
                .bind("tepCutoff", cutoff(now, tepLifetime))
                .bind("developerCutoff", cutoff(now, developerTokenLifetime))
                .map((row, meta) -> Map.entry(row.get("session_id", String.class), remaining(
                        row.get("revoked_at", OffsetDateTime.class).toInstant(),
                        "tep".equals(row.get("kind", String.class)) ? tepLifetime : developerTokenLifetime, now)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new)
                .flatMap(all -> revocations.reseed(all).map(sealed -> {
                    if (sealed) {
                        log.warn("Redis had lost the revocation list: {} revoked sessions written back", all.size());
                    }
                    return sealed ? (long) all.size() : 0L;
                }));
    }

    private static OffsetDateTime cutoff(Instant now, Duration lifetime) {
        return now.minus(lifetime).minus(CLOCK_SKEW).atOffset(ZoneOffset.UTC);
    }

    /** How long a revocation must still be kept: until the last token it covers has expired. */
    static Duration remaining(Instant revokedAt, Duration lifetime, Instant now) {
        return Duration.between(now, revokedAt.plus(lifetime).plus(CLOCK_SKEW));
    }
}
