package dev.tmcp.appstore.registry;

import dev.tmcp.core.error.TmcpException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Registers, when the local stack asks for it, the demo mini-app (a third-party public client) and
 * the host's official wallet app (decision 0027), both with their scopes pre-approved.
 */
@Component
class DemoMiniAppSeeder {

    private static final Logger log = LoggerFactory.getLogger(DemoMiniAppSeeder.class);

    private final DemoAppProperties demo;
    private final OfficialAppProperties official;
    private final MiniAppRegistry registry;

    DemoMiniAppSeeder(DemoAppProperties demo, OfficialAppProperties official, MiniAppRegistry registry) {
        this.demo = demo;
        this.official = official;
        this.registry = registry;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        if (demo.enabled()) {
            seedAll().subscribe(null, error -> log.error("could not register the seeded mini-apps", error));
        }
    }

    /** Registers both apps (idempotent). */
    Mono<Void> seedAll() {
        return Flux.just(app(demo.clientId(), demo.name(), demo.scopes(), demo.redirectUris(), MiniApp.THIRD_PARTY),
                        app(official.clientId(), official.name(), official.scopes(), official.redirectUris(), MiniApp.OFFICIAL))
                .concatMap(app -> registry.registerIfAbsent(app)
                        .retryWhen(Retry.backoff(5, Duration.ofSeconds(1)).filter(e -> !(e instanceof TmcpException)))
                        .doOnNext(created -> log.info("{} mini-app {} {}", app.classification(), app.clientId(),
                                created ? "registered" : "already registered")))
                .then();
    }

    private static MiniApp app(String clientId, String name, String scopes, String redirectUris, String classification) {
        List<MiniApp.RegisteredScope> registered = Arrays.stream(scopes.trim().split("\\s+"))
                .map(scope -> new MiniApp.RegisteredScope(scope, true))
                .toList();
        return new MiniApp(clientId, name, "public", "active", Arrays.asList(redirectUris.trim().split("\\s+")),
                registered, classification);
    }
}
