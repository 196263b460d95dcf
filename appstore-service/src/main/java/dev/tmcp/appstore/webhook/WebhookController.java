package dev.tmcp.appstore.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tmcp.appstore.access.DeveloperAccess;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.Ids;
import dev.tmcp.web.tep.DeveloperRole;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.stream.Collectors;
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

    /** An app's webhook endpoint; {@code disabled_at} only while disabled after failing too long. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Webhook(String miniappId, String webhookUrl, boolean enabled, Instant disabledAt) {

        static Webhook of(WebhookDeliveries.Endpoint app) {
            return new Webhook(app.miniappId(), app.webhookUrl(), app.webhookUrl() != null && app.disabledAt() == null,
                    app.disabledAt());
        }
    }

    record Redelivery(String deliveryId, String status) {
    }

    record TestDelivery(String eventId, String status) {
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
    Mono<Webhook> endpoint(ServerWebExchange http, @PathVariable String miniappId) {
        return owned(http, miniappId, DeveloperRole.Permissions.READ).map(Webhook::of);
    }

    @PutMapping("/mini-apps/v1/{miniappId}/webhook")
    Mono<Webhook> configure(ServerWebExchange http, @PathVariable String miniappId,
            @RequestBody WebhookConfiguration configuration) {
        String url = configuration == null ? null : configuration.webhookUrl();
        return owned(http, miniappId, DeveloperRole.Permissions.WEBHOOK).flatMap(app -> {
            if ("public".equals(app.clientType())) {
                return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST,
                        "Public clients have no backend: webhooks are for hybrid and confidential clients"));
            }
            validate(url);
            return deliveries.configure(miniappId, url).then(deliveries.endpoint(miniappId)).map(Webhook::of);
        });
    }

    @GetMapping("/mini-apps/v1/{miniappId}/webhook/deliveries")
    Mono<WebhookLog> log(ServerWebExchange http, @PathVariable String miniappId,
            @RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > 100) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "limit must be between 1 and 100"));
        }
        return owned(http, miniappId, DeveloperRole.Permissions.READ)
                .flatMap(app -> deliveries.recent(miniappId, limit).collectList())
                .flatMap(rows -> deliveries.attempts(rows.stream().map(WebhookDeliveries.DeliveryRow::deliveryId).toList())
                        .collect(Collectors.groupingBy(WebhookDeliveries.AttemptRow::deliveryId))
                        .map(attempts -> WebhookLog.of(miniappId, rows, attempts)));
    }

    @PostMapping("/mini-apps/v1/{miniappId}/webhook/deliveries/{deliveryId}/redeliver")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Redelivery> redeliver(ServerWebExchange http, @PathVariable String miniappId,
            @PathVariable String deliveryId) {
        return owned(http, miniappId, DeveloperRole.Permissions.WEBHOOK)
                .flatMap(app -> deliveries.redeliver(miniappId, deliveryId))
                .flatMap(found -> found ? Mono.just(new Redelivery(deliveryId, "pending"))
                        : Mono.error(new TmcpException(ErrorCode.NOT_FOUND, "No such delivery")));
    }

    @PostMapping("/mini-apps/v1/{miniappId}/webhook/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<TestDelivery> test(ServerWebExchange http, @PathVariable String miniappId) {
        return owned(http, miniappId, DeveloperRole.Permissions.WEBHOOK).flatMap(app -> {
            String eventId = Ids.next("evt_");
            String body = WebhookListener.body(eventId, Instant.now().toString(), new WebhookEvents.Outgoing(miniappId,
                    TEST_EVENT, WebhookEvents.fields("miniapp_id", miniappId, "message", "Test delivery from TMCP")));
            return deliveries.enqueue(eventId, miniappId, TEST_EVENT, body)
                    .flatMap(queued -> queued ? Mono.just(new TestDelivery(eventId, "pending"))
                            : Mono.error(new TmcpException(ErrorCode.INVALID_STATE, "The app has no webhook_url configured")));
        });
    }

    /** The app's webhook settings, when the caller's organization owns it and grants {@code permission}. */
    private Mono<WebhookDeliveries.Endpoint> owned(ServerWebExchange http, String miniappId, String permission) {
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
}
