package dev.tmcp.appstore.store;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Active apps as the store shows them (spec 16.6.1), with install counts and the caller's installs. */
@Repository
class StoreCatalogue {

    private final DatabaseClient db;

    StoreCatalogue(DatabaseClient db) {
        this.db = db;
    }

    Mono<List<Map<String, Object>>> categories() {
        return db.sql("select category, count(*) as n from mini_app where status = 'active' and category is not null "
                        + "group by category order by category")
                .map((r, m) -> {
                    String id = r.get("category", String.class);
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("category_id", id);
                    c.put("name", id.isEmpty() ? id : Character.toUpperCase(id.charAt(0)) + id.substring(1).replace('_', ' '));
                    c.put("app_count", r.get("n", Long.class));
                    return c;
                })
                .all().collectList();
    }

    Mono<Map<String, Object>> apps(StoreQuery query, String userId) {
        String where = "where m.status = 'active' and (:category = 'all' or m.category = :category) "
                + "and (cast(:classification as varchar) is null or m.classification = :classification)";
        Mono<Long> total = db.sql("select count(*) as n from mini_app m " + where)
                .bind("category", query.category())
                .bind("classification", Parameter.fromOrEmpty(query.classification(), String.class))
                .map((r, m) -> r.get("n", Long.class)).one();
        Mono<List<Map<String, Object>>> page = db.sql("select m.client_id, m.name, m.classification, m.category, m.icon_url, "
                        + "m.primary_color, m.version, m.removable, m.approved_at, m.created_at, "
                        + "(select count(*) from installation i where i.client_id = m.client_id) as install_count, "
                        + "exists (select 1 from installation i where i.client_id = m.client_id and i.user_id = :user) as installed "
                        + "from mini_app m " + where + " order by " + query.orderBy() + " limit :limit offset :offset")
                .bind("category", query.category())
                .bind("classification", Parameter.fromOrEmpty(query.classification(), String.class))
                .bind("user", userId).bind("limit", query.limit()).bind("offset", query.offset())
                .map((r, m) -> app(r.get("client_id", String.class), r.get("name", String.class),
                        r.get("classification", String.class), r.get("category", String.class), r.get("icon_url", String.class),
                        r.get("primary_color", String.class), r.get("version", String.class),
                        Boolean.FALSE.equals(r.get("removable", Boolean.class)), r.get("install_count", Long.class),
                        Boolean.TRUE.equals(r.get("installed", Boolean.class))))
                .all().collectList();
        return Mono.zip(page, total).map(t -> {
            Map<String, Object> pagination = new LinkedHashMap<>();
            pagination.put("total", t.getT2());
            pagination.put("limit", query.limit());
            pagination.put("offset", query.offset());
            pagination.put("has_more", query.offset() + t.getT1().size() < t.getT2());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("apps", t.getT1());
            body.put("pagination", pagination);
            return body;
        });
    }

    private static Map<String, Object> app(String id, String name, String classification, String category, String icon,
            String color, String version, boolean preinstalled, long installs, boolean installed) {
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("miniapp_id", id);
        app.put("name", name);
        app.put("classification", classification);
        app.put("category", category);
        // No ratings are collected yet: an empty rating rather than an invented one.
        Map<String, Object> rating = new LinkedHashMap<>();
        rating.put("average", null);
        rating.put("count", 0);
        app.put("rating", rating);
        app.put("install_count", installs);
        app.put("icon_url", icon);
        Map<String, Object> marketing = new LinkedHashMap<>();
        marketing.put("screenshots", List.of());
        marketing.put("theme_color", color);
        app.put("marketing", marketing);
        app.put("version", version);
        app.put("preinstalled", preinstalled);
        app.put("installed", installed);
        return app;
    }
}
