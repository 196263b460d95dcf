package dev.tmcp.bridge.events;

import dev.tmcp.bridge.Bots;
import dev.tmcp.bridge.TweenEventType;
import dev.tmcp.bridge.outgoing.RoomEvent;
import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.EventEnvelope;
import dev.tmcp.core.event.app.MiniAppInstalled;
import dev.tmcp.core.event.app.MiniAppUninstalled;
import dev.tmcp.core.event.app.MiniAppUpdated;
import dev.tmcp.core.event.app.MiniAppWebhookDisabled;
import dev.tmcp.core.event.auth.ScopeRevoked;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * App lifecycle (spec 8.1.4) and permission revocation (5.6), in each user's notices room
 * (decision 0017): {@code m.tween.miniapp.installed|uninstalled} as {@code @_tmcp},
 * {@code m.tween.miniapp.updated} as {@code @_tmcp_updater} to every user who has the app, and the
 * {@code m.room.tween.authorization} state event keyed by the mini-app id. The state event goes to
 * the user's own notices room, not to the rooms the sessions were launched from: there the bot has
 * no power to set state, and in a group room it would tell everyone that this user withdrew the
 * app, and claim the app unauthorized for all members (decision 0017).
 */
@Component
class AppNotices implements RoomEventRenderer {

    @Override
    public Map<String, Render> renderers() {
        return Map.of(MiniAppInstalled.TYPE, this::installed, MiniAppUpdated.TYPE, this::updated,
                MiniAppUninstalled.TYPE, this::uninstalled, ScopeRevoked.TYPE, this::revoked,
                MiniAppWebhookDisabled.TYPE, this::webhookDisabled);
    }

    private List<RoomEvent> installed(EventEnvelope event) {
        MiniAppInstalled i = EventCodec.data(event, MiniAppInstalled.class);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("body", "✅ Installed " + label(i.name(), i.clientId()) + (i.version() != null ? " " + i.version() : ""));
        c.put("miniapp_id", i.clientId());
        putIfSet(c, "name", i.name());
        putIfSet(c, "version", i.version());
        putIfSet(c, "classification", i.classification());
        c.put("installed_at", i.installedAt() != null ? i.installedAt() : event.time().toString());
        c.put("user_id", i.userId());
        return List.of(RoomEvent.message(i.userId(), TweenEventType.MINIAPP_INSTALLED, Bots.SYSTEM.localpart(), c,
                null));
    }

    private List<RoomEvent> updated(EventEnvelope event) {
        MiniAppUpdated u = EventCodec.data(event, MiniAppUpdated.class);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("body", "⬆️ " + label(u.name(), u.clientId()) + " was updated to " + u.newVersion());
        c.put("miniapp_id", u.clientId());
        putIfSet(c, "name", u.name());
        putIfSet(c, "previous_version", u.previousVersion());
        c.put("new_version", u.newVersion());
        putIfSet(c, "update_type", u.updateType());
        c.put("updated_at", u.updatedAt() != null ? u.updatedAt() : event.time().toString());
        List<String> users = u.userIds() == null ? List.of() : u.userIds();
        return users.stream().distinct()
                .map(user -> RoomEvent.message(user, TweenEventType.MINIAPP_UPDATED, Bots.UPDATER.localpart(), c, null))
                .toList();
    }

    /** The developer who registered the app hears that its endpoint is off (decision 0050). */
    private List<RoomEvent> webhookDisabled(EventEnvelope event) {
        MiniAppWebhookDisabled d = EventCodec.data(event, MiniAppWebhookDisabled.class);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("body", "⚠️ Webhooks of " + label(d.name(), d.clientId()) + " are disabled: " + d.webhookUrl()
                + " failed for three days. Configure the webhook again to resume; the deliveries wait.");
        c.put("miniapp_id", d.clientId());
        putIfSet(c, "name", d.name());
        putIfSet(c, "webhook_url", d.webhookUrl());
        putIfSet(c, "last_error", d.lastError());
        c.put("disabled_at", d.disabledAt() != null ? d.disabledAt() : event.time().toString());
        return List.of(RoomEvent.message(d.developerId(), TweenEventType.MINIAPP_WEBHOOK_DISABLED,
                Bots.SYSTEM.localpart(), c, null));
    }

    private List<RoomEvent> uninstalled(EventEnvelope event) {
        MiniAppUninstalled u = EventCodec.data(event, MiniAppUninstalled.class);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("body", "🗑️ Uninstalled " + u.clientId() + "; its data for you is deleted");
        c.put("miniapp_id", u.clientId());
        c.put("uninstalled_at", event.time().toString());
        c.put("reason", "user_initiated");
        // storage-service deletes the user's data for the app on the same event (decision 0012).
        c.put("data_cleanup", Map.of("storage_cleared", true));
        c.put("user_id", u.userId());
        return List.of(RoomEvent.message(u.userId(), TweenEventType.MINIAPP_UNINSTALLED, Bots.SYSTEM.localpart(), c,
                null));
    }

    private List<RoomEvent> revoked(EventEnvelope event) {
        ScopeRevoked r = EventCodec.data(event, ScopeRevoked.class);
        List<String> scopes = r.revokedScopes() == null ? List.of() : r.revokedScopes();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("authorized", false);
        c.put("revoked_at", r.revokedAt());
        c.put("revoked_scopes", scopes);
        c.put("reason", r.reason() != null ? r.reason() : "user_initiated");
        c.put("tmcp_scopes", scopes);
        c.put("matrix_scopes", r.matrixScopes() == null ? List.of() : r.matrixScopes());
        c.put("body", "🔒 Permissions of " + r.clientId() + " were revoked");
        return List.of(new RoomEvent(r.userId(), TweenEventType.AUTHORIZATION.wire(), r.clientId(),
                Bots.SYSTEM.localpart(), null, c, null));
    }

    private static String label(String name, String clientId) {
        return name != null ? name : clientId;
    }

    private static void putIfSet(Map<String, Object> content, String key, String value) {
        if (value != null) {
            content.put(key, value);
        }
    }
}
