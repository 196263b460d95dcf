package dev.tmcp.appstore.bootstrap;

import dev.tmcp.web.tep.TepPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Spec 16.8.2: a client's first launch on a device, with the host's TEP (decision 0048). */
@RestController
class BootstrapController {

    private final Bootstraps bootstraps;

    BootstrapController(Bootstraps bootstraps) {
        this.bootstraps = bootstraps;
    }

    @PostMapping("/api/v1/client/bootstrap")
    Mono<Bootstrap.Response> bootstrap(TepPrincipal user, @RequestBody Bootstrap.Request request) {
        return bootstraps.bootstrap(user, request);
    }
}
