package dev.tmcp.appstore.registry;

import dev.tmcp.web.tep.ServiceCaller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Registry look-ups for other suite services (auth-service checks clients and scopes here). */
@RestController
class InternalMiniAppController {

    private final MiniAppRegistry registry;

    InternalMiniAppController(MiniAppRegistry registry) {
        this.registry = registry;
    }

    /** Every active mini-app: auth-service reconciles Keycloak clients against this at start. */
    @GetMapping("/internal/v1/miniapps")
    reactor.core.publisher.Flux<MiniApp> active(ServiceCaller caller) {
        return registry.active();
    }

    @GetMapping("/internal/v1/miniapps/{clientId}")
    Mono<MiniApp> get(ServiceCaller caller, @PathVariable String clientId) {
        return registry.find(clientId);
    }
}
