package dev.tmcp.appstore.store;

import dev.tmcp.appstore.store.StoreViews.StoreApp;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Active apps as the store shows them (spec 16.6.1), with live ratings and installs and the stored rank. */
@Repository
class StoreCatalogue {

    /** The columns of a listed app; {@code :user} marks the caller's own installs. */
    static final String APP_COLUMNS = "m.client_id, m.name, m.classification, m.category, m.icon_url, m.primary_color, "
            + "m.version, m.install_mode, m.preinstall_platforms, m.install_count, m.rating_count, m.rating_sum, "
            + "coalesce(s.trending, false) as trending, "
            + "exists (select 1 from installation i where i.client_id = m.client_id and i.user_id = :user) as installed";

    private final DatabaseClient db;

    StoreCatalogue(DatabaseClient db) {
        this.db = db;
    }

    Mono<List<StoreViews.Category>> categories() {
        return db.sql("select category, count(*) as n from mini_app where status = 'active' and category is not null "
                        + "group by category order by category")
                .map((r, m) -> {
                    String id = r.get("category", String.class);
                    String name = id.isEmpty() ? id : Character.toUpperCase(id.charAt(0)) + id.substring(1).replace('_', ' ');
                    return new StoreViews.Category(id, name, r.get("n", Long.class));
                })
                .all().collectList();
    }

    Mono<StoreViews.AppPage> apps(StoreQuery query, String userId) {
        String where = "where m.status = 'active' and (:category = 'all' or m.category = :category) "
                + "and (cast(:classification as varchar) is null or m.classification = :classification) "
                + "and (cast(:search as varchar) is null or m.name ilike :search escape '\\' "
                + "or m.short_name ilike :search escape '\\')";
        Mono<Long> total = db.sql("select count(*) as n from mini_app m " + where)
                .bind("category", query.category())
                .bind("classification", Parameter.fromOrEmpty(query.classification(), String.class))
                .bind("search", Parameter.fromOrEmpty(query.searchPattern(), String.class))
                .map((r, m) -> r.get("n", Long.class)).one();
        Mono<List<StoreApp>> page = db.sql("select " + APP_COLUMNS + " from mini_app m "
                        + "left join app_stats s on s.client_id = m.client_id " + where
                        + " order by " + query.orderBy() + " limit :limit offset :offset")
                .bind("category", query.category())
                .bind("classification", Parameter.fromOrEmpty(query.classification(), String.class))
                .bind("search", Parameter.fromOrEmpty(query.searchPattern(), String.class))
                .bind("user", userId).bind("limit", query.limit()).bind("offset", query.offset())
                .map((r, m) -> app(r))
                .all().collectList();
        return Mono.zip(page, total).map(t -> new StoreViews.AppPage(t.getT1(), new StoreViews.Pagination(t.getT2(),
                query.limit(), query.offset(), query.offset() + t.getT1().size() < t.getT2())));
    }

    static StoreApp app(io.r2dbc.spi.Readable r) {
        String mode = r.get("install_mode", String.class);
        return new StoreApp(r.get("client_id", String.class), r.get("name", String.class),
                r.get("classification", String.class), r.get("category", String.class),
                StoreViews.RatingSummary.of(r.get("rating_count", Integer.class), r.get("rating_sum", Long.class)),
                r.get("install_count", Integer.class), r.get("icon_url", String.class),
                // No marketing images are registered yet: an empty list rather than invented ones.
                new StoreViews.Marketing(List.of(), r.get("primary_color", String.class)),
                r.get("version", String.class),
                !"optional".equals(mode) && r.get("preinstall_platforms", String.class) != null,
                Boolean.TRUE.equals(r.get("installed", Boolean.class)), Boolean.TRUE.equals(r.get("trending", Boolean.class)));
    }
}
