package dev.tmcp.appstore.store;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One active app in full (decision 0049), with its ranking worked out factor by factor. */
@Repository
class StoreDetails {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DatabaseClient db;
    private final Ratings ratings;

    StoreDetails(DatabaseClient db, Ratings ratings) {
        this.db = db;
        this.ratings = ratings;
    }

    Mono<StoreViews.AppDetail> detail(String miniappId, String userId) {
        Mono<StoreViews.AppDetail> detail = db.sql("select " + StoreCatalogue.APP_COLUMNS + ", m.short_name, m.description, "
                        + "m.developer_info, coalesce(m.released_at, m.approved_at, m.created_at) as released, now() as at, "
                        + "v.release_notes, v.published_at, coalesce(s.active_users_30d, 0) as active_users, "
                        + "coalesce(s.daily_sessions_per_user, 0) as daily, "
                        + "(select coalesce(max(install_count), 0) from mini_app where status = 'active') as max_installs, "
                        + "(select coalesce(max(active_users_30d), 0) from app_stats) as max_active, "
                        + "(select coalesce(max(daily_sessions_per_user), 0) from app_stats) as max_daily "
                        + "from mini_app m left join app_stats s on s.client_id = m.client_id "
                        + "left join app_version v on v.miniapp_id = m.client_id and v.version = m.version "
                        + "where m.client_id = :id and m.status = 'active'")
                .bind("id", miniappId).bind("user", userId)
                .map((r, m) -> {
                    StoreViews.StoreApp app = StoreCatalogue.app(r);
                    long activeUsers = r.get("active_users", Integer.class);
                    double daily = r.get("daily", Double.class);
                    Ranking.Factors factors = new Ranking.Factors(app.installCount(), activeUsers, daily,
                            app.rating().count(), r.get("rating_sum", Long.class),
                            Duration.between(r.get("released", OffsetDateTime.class), r.get("at", OffsetDateTime.class)));
                    Ranking.Norms norms = new Ranking.Norms(r.get("max_installs", Integer.class),
                            r.get("max_active", Integer.class), r.get("max_daily", Double.class));
                    OffsetDateTime published = r.get("published_at", OffsetDateTime.class);
                    return new StoreViews.AppDetail(app, r.get("short_name", String.class), r.get("description", String.class),
                            developer(r.get("developer_info", String.class)),
                            new StoreViews.Release(app.version(), r.get("release_notes", String.class),
                                    published == null ? null : published.toInstant()),
                            activeUsers, ranking(factors, norms, app.trending()), null);
                })
                .one()
                .switchIfEmpty(Mono.error(() -> new TmcpException(ErrorCode.APP_NOT_FOUND, "No such app in the store")));
        return detail.flatMap(d -> ratings.own(miniappId, userId)
                .map(own -> withMine(d, new StoreViews.MyRating(own.rating(), own.review(), own.updatedAt())))
                .defaultIfEmpty(d));
    }

    private static StoreViews.AppDetail withMine(StoreViews.AppDetail d, StoreViews.MyRating mine) {
        return new StoreViews.AppDetail(d.app(), d.shortName(), d.description(), d.developer(), d.release(),
                d.activeUsers30d(), d.ranking(), mine);
    }

    static StoreViews.RankingView ranking(Ranking.Factors f, Ranking.Norms n, boolean trending) {
        Ranking.Score score = Ranking.score(f, n);
        Map<String, StoreViews.Factor> factors = new LinkedHashMap<>();
        factors.put("install_count", new StoreViews.Factor(f.installs(), Ranking.INSTALLS, round(score.installs())));
        factors.put("active_users_30d", new StoreViews.Factor(f.activeUsers30d(), Ranking.ACTIVE_USERS, round(score.activeUsers())));
        factors.put("rating", new StoreViews.Factor(round(Ranking.bayesianAverage(f.ratingCount(), f.ratingSum())),
                Ranking.RATING, round(score.rating())));
        factors.put("daily_sessions_per_user", new StoreViews.Factor(round(f.dailySessionsPerUser()), Ranking.ENGAGEMENT,
                round(score.engagement())));
        factors.put("days_since_release", new StoreViews.Factor(f.sinceRelease().toDays(), Ranking.RECENCY, round(score.recency())));
        return new StoreViews.RankingView(round(score.total()), trending, factors);
    }

    private static StoreViews.Developer developer(String json) {
        if (json == null) {
            return null;
        }
        JsonNode d = JSON.readTree(json);
        return new StoreViews.Developer(text(d, "company_name", "companyName"), text(d, "website", "website"));
    }

    private static String text(JsonNode node, String snake, String camel) {
        JsonNode v = node.has(snake) ? node.get(snake) : node.get(camel);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
