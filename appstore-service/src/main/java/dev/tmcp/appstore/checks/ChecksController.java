package dev.tmcp.appstore.checks;

import dev.tmcp.appstore.access.DeveloperAccess;
import dev.tmcp.web.platform.PlatformCredentials;
import dev.tmcp.web.tep.DeveloperRole;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spec 9.3.1 (decision 0050): the developer runs the automated checks before submitting and reads
 * the latest report ({@code miniapp:read}); the platform runs and reads them before deciding.
 */
@RestController
class ChecksController {

    private final AutomatedChecks checks;
    private final DeveloperAccess access;
    private final PlatformCredentials platform;

    ChecksController(AutomatedChecks checks, DeveloperAccess access, PlatformCredentials platform) {
        this.checks = checks;
        this.access = access;
        this.platform = platform;
    }

    @PostMapping("/mini-apps/v1/{miniappId}/checks")
    Mono<CheckReport> run(ServerWebExchange http, @PathVariable String miniappId) {
        return access.require(http, miniappId, DeveloperRole.Permissions.READ).then(checks.run(miniappId));
    }

    @GetMapping("/mini-apps/v1/{miniappId}/checks")
    Mono<CheckReport> latest(ServerWebExchange http, @PathVariable String miniappId) {
        return access.require(http, miniappId, DeveloperRole.Permissions.READ).then(checks.latest(miniappId));
    }

    @PostMapping("/admin/mini-apps/{miniappId}/checks")
    Mono<CheckReport> runAsPlatform(ServerWebExchange http, @PathVariable String miniappId) {
        platform.require(http.getRequest().getHeaders(), null);
        return checks.run(miniappId);
    }

    @GetMapping("/admin/mini-apps/{miniappId}/checks")
    Mono<CheckReport> latestAsPlatform(ServerWebExchange http, @PathVariable String miniappId) {
        platform.require(http.getRequest().getHeaders(), null);
        return checks.latest(miniappId);
    }
}
