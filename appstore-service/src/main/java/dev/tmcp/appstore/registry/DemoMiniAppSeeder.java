package dev.tmcp.appstore.registry;

import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.util.retry.Retry;
import java.time.Duration;

/** Registers the demo mini-app (a public client) when the local stack asks for it. */
@Component
class DemoMiniAppSeeder {

    private static final Logger log = LoggerFactory.getLogger(DemoMiniAppSeeder.class);

    private final DemoAppProperties properties;
    private final MiniAppRegistry registry;

    DemoMiniAppSeeder(DemoAppProperties properties, MiniAppRegistry registry) {
        this.properties = properties;
        this.registry = registry;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        if (!properties.enabled()) {
            return;
        }
        List<MiniApp.RegisteredScope> scopes = Arrays.stream(properties.scopes().trim().split("\\s+"))
                .map(scope -> new MiniApp.RegisteredScope(scope, true))
                .toList();
        MiniApp app = new MiniApp(properties.clientId(), properties.name(), "public", "active",
                Arrays.asList(properties.redirectUris().trim().split("\\s+")), scopes, MiniApp.THIRD_PARTY);
        registry.registerIfAbsent(app)
                .retryWhen(Retry.backoff(5, Duration.ofSeconds(1)))
                .subscribe(created -> log.info("demo mini-app {} {}", app.clientId(), created ? "registered" : "already registered"),
                        error -> log.error("could not register the demo mini-app", error));
    }
}
