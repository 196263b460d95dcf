package dev.tmcp.appstore.webhook;

import dev.tmcp.appstore.access.DeveloperAccess;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.Ids;
import dev.tmcp.web.tep.DeveloperRole;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A developer's view of their app's webhook: its endpoint (configure, which also enables an endpoint
 * disabled after three days of failures), the delivery log with every attempt, manual redelivery
 * and a test delivery. Members of the owning organization only: {@code miniapp:read} to look,
 * {@code webhook:configure} to change or send.
 */
@RestController
class WebhookController {

    record WebhookConfiguration(String webhookUrl) {
    }

    static final String TEST_EVENT = "webhook.test";

    private final WebhookDeliveries deliveries;
    private final DeveloperAccess access;
    private final WebhookProperties properties;

    WebhookController(WebhookDeliveries deliveries, DeveloperAccess access, WebhookProperties properties) {
        this.deliveries = deliveries;
        this.access = access;
        this.properties = properties;
    }

    @GetMapping("/mini-apps/v1/{miniappId}/webhook")
    Mono<Map<String, Object>> endpoint(ServerWebExchange http, @PathVariable String miniappId) {
        return owned(http, miniappId, DeveloperRole.Permissions.READ).map(WebhookController::describe);
    }

    @PutMapping("/mini-apps/v1/{miniappId}/webhook")
    Mono<Map<String, Object>> configure(ServerWebExchange http, @PathVariable String miniappId,
            @RequestBody WebhookConfiguration configuration) {
        String url = configuration == null ? null : configuration.webhookUrl();
        return owned(http, miniappId, DeveloperRole.Permissions.WEBHOOK).flatMap(app -> {
            if ("public".equals(app.get("client_type"))) {
                return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST,
                        "Public clients have no backend: webhooks are for hybrid and confidential clients"));
            }
            validate(url);
            return deliveries.configure(miniappId, url).then(deliveries.endpoint(miniappId)).map(WebhookController::describe);
        });
    }

    @GetMapping("/mini-apps/v1/{miniappId}/webhook/deliveries")
    Mono<Map<String, Object>> log(ServerWebExchange http, @PathVariable String miniappId,
            @RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > 100) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "limit must be between 1 and 100"));
        }
        return owned(http, miniappId, DeveloperRole.Permissions.READ)
                .flatMap(app -> deliveries.recent(miniappId, limit).collectList())
                .flatMap(rows -> deliveries.attempts(rows.stream().map(r -> (String) r.get("delivery_id")).toList())
                        .collectMultimap(a -> (String) a.get("delivery_id"))
                        .map(attempts -> {
                            List<Map<String, Object>> out = new ArrayList<>();
                            for (Map<String, Object> row : rows) {
                                Map<String, Object> d = new LinkedHashMap<>();
                                d.put("delivery_id", row.get("delivery_id"));
                                d.put("event_id", row.get("event_id"));
                                d.put("event", row.get("event_type"));
                                d.put("status", row.get("status"));
                                d.put("created_at", instant(row.get("created_at")));
                                d.put("next_attempt_at", "pending".equals(row.get("status")) ? instant(row.get("next_attempt_at")) : null);
                                d.put("finished_at", instant(row.get("finished_at")));
                                d.put("attempts", attempts.getOrDefault(row.get("delivery_id"), List.of()).stream()
                                        .map(a -> WebhookEvents.fields("attempt", a.get("attempt"),
                                                "attempted_at", instant(a.get("attempted_at")),
                                                "status_code", a.get("status_code"), "latency_ms", a.get("latency_ms"),
                                                "error", a.get("error")))
                                        .toList());
                                out.add(d);
                            }
                            return Map.<String, Object>of("miniapp_id", miniappId, "deliveries", out);
                        }));
    }

    @PostMapping("/mini-apps/v1/{miniappId}/webhook/deliveries/{deliveryId}/redeliver")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Map<String, Object>> redeliver(ServerWebExchange http, @PathVariable String miniappId,
            @PathVariable String deliveryId) {
        return owned(http, miniappId, DeveloperRole.Permissions.WEBHOOK)
                .flatMap(app -> deliveries.redeliver(miniappId, deliveryId))
                .flatMap(found -> found ? Mono.just(Map.<String, Object>of("delivery_id", deliveryId, "status", "pending"))
                        : Mono.error(new TmcpException(ErrorCode.NOT_FOUND, "No such delivery")));
    }

    @PostMapping("/mini-apps/v1/{miniappId}/webhook/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Map<String, Object>> test(ServerWebExchange http, @PathVariable String miniappId) {
        return owned(http, miniappId, DeveloperRole.Permissions.WEBHOOK).flatMap(app -> {
            String eventId = Ids.next("evt_");
            String body = WebhookListener.body(eventId, Instant.now().toString(), new WebhookEvents.Outgoing(miniappId,
                    TEST_EVENT, WebhookEvents.fields("miniapp_id", miniappId, "message", "Test delivery from TMCP")));
            return deliveries.enqueue(eventId, miniappId, TEST_EVENT, body)
                    .flatMap(queued -> queued ? Mono.just(Map.<String, Object>of("event_id", eventId, "status", "pending"))
                            : Mono.error(new TmcpException(ErrorCode.INVALID_STATE, "The app has no webhook_url configured")));
        });
    }

    /** The app's webhook settings, when the caller's organization owns it and grants {@code permission}. */
    private Mono<Map<String, Object>> owned(ServerWebExchange http, String miniappId, String permission) {
        return access.require(http, miniappId, permission).then(deliveries.endpoint(miniappId));
    }

    private void validate(String url) {
        URI uri;
        try {
            uri = url == null ? null : new URI(url);
        } catch (URISyntaxException e) {
            uri = null;
        }
        boolean scheme = uri != null && ("https".equals(uri.getScheme()) || properties.allowHttp() && "http".equals(uri.getScheme()));
        if (!scheme || uri.getHost() == null || uri.getFragment() != null || uri.getUserInfo() != null || url.length() > 2000) {
            throw new TmcpException(ErrorCode.INVALID_REQUEST,
                    "webhook_url must be an absolute https URL without credentials or a fragment");
        }
    }

    private static Map<String, Object> describe(Map<String, Object> app) {
        return WebhookEvents.fields("miniapp_id", app.get("client_id"), "webhook_url", app.get("webhook_url"),
                "enabled", app.get("webhook_url") != null && app.get("webhook_disabled_at") == null,
                "disabled_at", instant(app.get("webhook_disabled_at")));
    }

    private static String instant(Object value) {
        return value instanceof java.time.OffsetDateTime t ? t.toInstant().toString()
                : value instanceof Instant i ? i.toString() : null;
    }
}
