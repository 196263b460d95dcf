package dev.tmcp.appstore.registration;

import dev.tmcp.appstore.access.DeveloperAccess;
import dev.tmcp.web.tep.DeveloperRole;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Developers manage their organization's apps (decision 0050): {@code miniapp:read} lists and reads,
 * {@code miniapp:manage} updates, deletes and re-keys the client, {@code webhook:configure} re-keys
 * the webhook. Another organization's app answers 404.
 */
@RestController
class MyAppsController {

    private final MyApps apps;
    private final DeveloperAccess access;

    MyAppsController(MyApps apps, DeveloperAccess access) {
        this.apps = apps;
        this.access = access;
    }

    @GetMapping("/mini-apps/v1")
    Mono<AppViews.Apps> list(ServerWebExchange http) {
        return access.developer(http).flatMap(apps::list);
    }

    @GetMapping("/mini-apps/v1/{miniappId}")
    Mono<AppViews.Detail> read(ServerWebExchange http, @PathVariable String miniappId) {
        return access.require(http, miniappId, DeveloperRole.Permissions.READ).then(apps.read(miniappId));
    }

    @PatchMapping("/mini-apps/v1/{miniappId}")
    Mono<AppViews.Detail> update(ServerWebExchange http, @PathVariable String miniappId, @RequestBody AppViews.Update update) {
        return access.require(http, miniappId, DeveloperRole.Permissions.MANAGE).then(apps.update(miniappId, update));
    }

    @DeleteMapping("/mini-apps/v1/{miniappId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(ServerWebExchange http, @PathVariable String miniappId) {
        return access.require(http, miniappId, DeveloperRole.Permissions.MANAGE)
                .flatMap(granted -> apps.delete(miniappId, granted.developer().developerId().value()));
    }

    @PostMapping("/mini-apps/v1/{miniappId}/secret")
    Mono<AppViews.NewSecret> rotateClientSecret(ServerWebExchange http, @PathVariable String miniappId) {
        return access.require(http, miniappId, DeveloperRole.Permissions.MANAGE)
                .flatMap(granted -> apps.rotateClientSecret(miniappId, granted.developer().developerId().value()));
    }

    @PostMapping("/mini-apps/v1/{miniappId}/webhook/secret")
    Mono<AppViews.NewSecret> rotateWebhookSecret(ServerWebExchange http, @PathVariable String miniappId,
            @RequestBody(required = false) AppViews.WebhookSecretRotation rotation) {
        Duration overlap = rotation == null || rotation.overlapSeconds() == null ? MyApps.DEFAULT_OVERLAP
                : Duration.ofSeconds(Math.max(-1, Math.min(rotation.overlapSeconds(), MyApps.MAX_OVERLAP.toSeconds() + 1)));
        return access.require(http, miniappId, DeveloperRole.Permissions.WEBHOOK)
                .flatMap(granted -> apps.rotateWebhookSecret(miniappId, overlap, granted.developer().developerId().value()));
    }
}
