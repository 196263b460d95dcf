package dev.tmcp.appstore.release;

import dev.tmcp.appstore.access.DeveloperAccess;
import dev.tmcp.web.platform.PlatformCredentials;
import dev.tmcp.web.tep.DeveloperRole;
import dev.tmcp.web.tep.TepPrincipal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Versions and updates (spec 16.8, decision 0048). Developers of the owning organization publish
 * ({@code miniapp:manage}) and list ({@code miniapp:read}) their app's versions; the platform
 * publishes its own apps' with its credentials. Clients check for updates with any TEP and verify
 * downloads against the published signing key, which needs no token.
 */
@RestController
class ReleaseController {

    record Versions(String miniappId, List<AppVersion> versions) {
    }

    private final Releases releases;
    private final Updates updates;
    private final DeveloperAccess access;
    private final PlatformCredentials platform;
    private final BundleSigner signer;

    ReleaseController(Releases releases, Updates updates, DeveloperAccess access, PlatformCredentials platform,
            BundleSigner signer) {
        this.releases = releases;
        this.updates = updates;
        this.access = access;
        this.platform = platform;
        this.signer = signer;
    }

    @PostMapping("/mini-apps/v1/{miniappId}/versions")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<AppVersion> publish(ServerWebExchange http, @PathVariable String miniappId, @RequestBody PublishRequest request) {
        return access.require(http, miniappId, DeveloperRole.Permissions.MANAGE)
                .flatMap(granted -> releases.publish(miniappId, request, granted.developer().developerId().value()));
    }

    @GetMapping("/mini-apps/v1/{miniappId}/versions")
    Mono<Versions> versions(ServerWebExchange http, @PathVariable String miniappId) {
        return access.require(http, miniappId, DeveloperRole.Permissions.READ)
                .then(releases.versions(miniappId).collectList())
                .map(versions -> new Versions(miniappId, versions));
    }

    @PostMapping("/admin/mini-apps/{miniappId}/versions")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<AppVersion> publishAsPlatform(ServerWebExchange http, @PathVariable String miniappId,
            @RequestBody PublishRequest request) {
        platform.require(http.getRequest().getHeaders(), null);
        return releases.publish(miniappId, request, platform.clientId());
    }

    @PostMapping("/api/v1/client/check-updates")
    Mono<UpdateCheck.Response> checkUpdates(TepPrincipal user, @RequestBody UpdateCheck.Request request) {
        return updates.check(request);
    }

    @GetMapping("/api/v1/client/signing-keys")
    SigningKeys signingKeys() {
        return signer.jwks();
    }
}
