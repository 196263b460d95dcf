package dev.tmcp.appstore.launch;

import dev.tmcp.web.tep.TepPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The host opens a mini-app: its entry URL and a signed launch context (decision 0051). */
@RestController
class LaunchController {

    private final Launches launches;

    LaunchController(Launches launches) {
        this.launches = launches;
    }

    @PostMapping("/api/v1/client/launch")
    Mono<Launch.Response> launch(TepPrincipal user, @RequestBody Launch.Request request) {
        return launches.launch(user, request);
    }
}
