package dev.tmcp.bridge.events;

import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.core.event.app.MiniAppInstalled;
import dev.tmcp.core.event.app.MiniAppRegistered;
import dev.tmcp.core.event.app.MiniAppUpdated;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Remembers each mini-app's name from the app events on {@code tmcp.app}, so its virtual user
 * {@code @ma_…} shows that name on the cards it sends (spec 8.1.3).
 */
@Component
public class MiniAppNames {

    private static final Set<String> TYPES = Set.of(MiniAppRegistered.TYPE, MiniAppInstalled.TYPE, MiniAppUpdated.TYPE);

    private final DatabaseClient db;

    MiniAppNames(DatabaseClient db) {
        this.db = db;
    }

    boolean handles(String type) {
        return TYPES.contains(type);
    }

    /** Run in the consumer's transaction. */
    Mono<Void> record(EventEnvelope event) {
        String[] app = switch (event.type()) {
            case MiniAppRegistered.TYPE -> {
                MiniAppRegistered r = EventCodec.data(event, MiniAppRegistered.class);
                yield new String[] {r.clientId(), r.name()};
            }
            case MiniAppInstalled.TYPE -> {
                MiniAppInstalled i = EventCodec.data(event, MiniAppInstalled.class);
                yield new String[] {i.clientId(), i.name()};
            }
            case MiniAppUpdated.TYPE -> {
                MiniAppUpdated u = EventCodec.data(event, MiniAppUpdated.class);
                yield new String[] {u.clientId(), u.name()};
            }
            default -> new String[] {null, null};
        };
        if (app[0] == null || app[1] == null || app[1].isBlank()) {
            return Mono.empty();
        }
        return db.sql("insert into miniapp_name (client_id, name) values (:id, :name) on conflict (client_id) "
                        + "do update set name = excluded.name, updated_at = now()")
                .bind("id", app[0]).bind("name", app[1]).fetch().rowsUpdated().then();
    }

    /** The app's name, or its client id when none is known. */
    public Mono<String> nameOf(String clientId) {
        return db.sql("select name from miniapp_name where client_id = :id").bind("id", clientId)
                .map(r -> r.get("name", String.class)).one().defaultIfEmpty(clientId);
    }
}
