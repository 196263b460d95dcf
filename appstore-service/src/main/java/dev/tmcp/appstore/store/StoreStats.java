package dev.tmcp.appstore.store;

import dev.tmcp.web.jobs.PeriodicJobs;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Computes each active app's usage figures and ranking score (spec 16.6.3, decision 0049) every
 * minute, on one replica, into {@code app_stats}: active users and sessions of the last 30 days
 * (from {@code app_activity}), installs of this week and the one before, the score and the
 * trending flag. Listings read the stored score; ratings and install counts they show are live.
 */
@Component
class StoreStats extends PeriodicJobs {

    private final DatabaseClient db;
    private final Duration every;

    StoreStats(DatabaseClient db, @Value("${tmcp.appstore.store.stats-interval:1m}") Duration every) {
        super("appstore-service");
        this.db = db;
        this.every = every;
    }

    @Override
    protected List<Job> jobs() {
        return List.of(new Job("store-stats", every, this::refresh));
    }

    private record Row(String clientId, Ranking.Factors factors, long installsThisWeek, long installsLastWeek) {
    }

    /** Recomputes every active app's figures; emits how many apps it scored. */
    Mono<Long> refresh() {
        return db.sql("with act as (select client_id, count(distinct user_id) as users, sum(sessions) as sessions, "
                        + "count(*) as user_days from app_activity where day > current_date - 30 group by client_id), "
                        + "ins as (select client_id, count(*) filter (where installed_at > now() - interval '7 days') as this_week, "
                        + "count(*) filter (where installed_at <= now() - interval '7 days') as last_week from installation "
                        + "where installed_at > now() - interval '14 days' group by client_id) "
                        + "select m.client_id, m.install_count, m.rating_count, m.rating_sum, "
                        + "coalesce(m.released_at, m.approved_at, m.created_at) as released, now() as at, "
                        + "coalesce(act.users, 0) as users, coalesce(act.sessions, 0) as sessions, "
                        + "coalesce(act.user_days, 0) as user_days, coalesce(ins.this_week, 0) as this_week, "
                        + "coalesce(ins.last_week, 0) as last_week "
                        + "from mini_app m left join act using (client_id) left join ins using (client_id) where m.status = 'active'")
                .map((r, m) -> {
                    long userDays = r.get("user_days", Long.class);
                    double daily = userDays == 0 ? 0 : r.get("sessions", Number.class).doubleValue() / userDays;
                    return new Row(r.get("client_id", String.class), new Ranking.Factors(
                            r.get("install_count", Integer.class), r.get("users", Long.class), daily,
                            r.get("rating_count", Integer.class), r.get("rating_sum", Long.class),
                            Duration.between(r.get("released", OffsetDateTime.class), r.get("at", OffsetDateTime.class))),
                            r.get("this_week", Long.class), r.get("last_week", Long.class));
                })
                .all().collectList()
                .flatMap(rows -> rows.isEmpty() ? Mono.just(0L) : store(rows).thenReturn((long) rows.size()));
    }

    private Mono<Void> store(List<Row> rows) {
        Ranking.Norms norms = new Ranking.Norms(
                rows.stream().mapToLong(r -> r.factors().installs()).max().orElse(0),
                rows.stream().mapToLong(r -> r.factors().activeUsers30d()).max().orElse(0),
                rows.stream().mapToDouble(r -> r.factors().dailySessionsPerUser()).max().orElse(0));
        int n = rows.size();
        String[] ids = new String[n];
        Integer[] users = new Integer[n];
        Double[] daily = new Double[n];
        Integer[] thisWeek = new Integer[n];
        Integer[] lastWeek = new Integer[n];
        Double[] scores = new Double[n];
        Boolean[] trending = new Boolean[n];
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i);
            ids[i] = row.clientId();
            users[i] = (int) row.factors().activeUsers30d();
            daily[i] = row.factors().dailySessionsPerUser();
            thisWeek[i] = (int) row.installsThisWeek();
            lastWeek[i] = (int) row.installsLastWeek();
            scores[i] = Ranking.score(row.factors(), norms).total();
            trending[i] = Ranking.trending(row.installsThisWeek(), row.installsLastWeek());
        }
        return db.sql("insert into app_stats (client_id, active_users_30d, daily_sessions_per_user, installs_this_week, "
                        + "installs_last_week, score, trending, computed_at) select s.*, now() from unnest(:ids::varchar[], "
                        + ":users::int[], :daily::float8[], :thisWeek::int[], :lastWeek::int[], :scores::float8[], "
                        + ":trending::bool[]) as s on conflict (client_id) do update set "
                        + "active_users_30d = excluded.active_users_30d, daily_sessions_per_user = excluded.daily_sessions_per_user, "
                        + "installs_this_week = excluded.installs_this_week, installs_last_week = excluded.installs_last_week, "
                        + "score = excluded.score, trending = excluded.trending, computed_at = excluded.computed_at")
                .bind("ids", ids).bind("users", users).bind("daily", daily).bind("thisWeek", thisWeek)
                .bind("lastWeek", lastWeek).bind("scores", scores).bind("trending", trending)
                .then()
                .then(db.sql("delete from app_stats s where not exists (select 1 from mini_app m "
                        + "where m.client_id = s.client_id and m.status = 'active')").then());
    }
}
