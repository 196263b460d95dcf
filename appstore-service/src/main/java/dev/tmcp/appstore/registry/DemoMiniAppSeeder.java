package dev.tmcp.appstore.registry;

import dev.tmcp.core.error.TmcpException;
import java.time.Duration;
import java.util.ArrayList;
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
 * the host's official wallet app (decision 0027), both with their scopes pre-approved, and the demo
 * shop of the reference web host (decision 0051), whose money scopes need the user's consent.
 */
@Component
class DemoMiniAppSeeder {

    private static final Logger log = LoggerFactory.getLogger(DemoMiniAppSeeder.class);

    private final DemoAppProperties demo;
    private final OfficialAppProperties official;
    private final DemoShopProperties shop;
    private final MiniAppRegistry registry;
    private final MiniAppRepository repository;

    DemoMiniAppSeeder(DemoAppProperties demo, OfficialAppProperties official, DemoShopProperties shop,
            MiniAppRegistry registry, MiniAppRepository repository) {
        this.demo = demo;
        this.official = official;
        this.shop = shop;
        this.registry = registry;
        this.repository = repository;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        if (demo.enabled()) {
            seedAll().subscribe(null, error -> log.error("could not register the seeded mini-apps", error));
        }
    }

    /**
     * Registers the apps (idempotent): the demo app, the official wallet app, and the demo shop when
     * its entry URL is configured, which it then follows.
     */
    Mono<Void> seedAll() {
        List<MiniApp> apps = new ArrayList<>(List.of(
                app(demo.clientId(), demo.name(), demo.scopes(), demo.redirectUris(), MiniApp.THIRD_PARTY),
                app(official.clientId(), official.name(), official.scopes(), official.redirectUris(), MiniApp.OFFICIAL)));
        boolean withShop = shop.entryUrl() != null && !shop.entryUrl().isBlank();
        if (withShop) {
            List<MiniApp.RegisteredScope> shopScopes = new ArrayList<>(scopes(shop.scopes(), true));
            shopScopes.addAll(scopes(shop.consentScopes(), false));
            apps.add(new MiniApp(shop.clientId(), shop.name(), "public", "active",
                    List.of(shop.entryUrl() + "callback"), shopScopes, MiniApp.THIRD_PARTY));
        }
        return Flux.fromIterable(apps)
                .concatMap(app -> registry.registerIfAbsent(app)
                        .retryWhen(Retry.backoff(5, Duration.ofSeconds(1)).filter(e -> !(e instanceof TmcpException)))
                        .doOnNext(created -> log.info("{} mini-app {} {}", app.classification(), app.clientId(),
                                created ? "registered" : "already registered")))
                .then(withShop ? repository.setEntryUrl(shop.clientId(), shop.entryUrl()) : Mono.empty());
    }

    private static MiniApp app(String clientId, String name, String scopes, String redirectUris, String classification) {
        return new MiniApp(clientId, name, "public", "active", Arrays.asList(redirectUris.trim().split("\\s+")),
                scopes(scopes, true), classification);
    }

    private static List<MiniApp.RegisteredScope> scopes(String scopes, boolean preApproved) {
        return Arrays.stream(scopes.trim().split("\\s+"))
                .map(scope -> new MiniApp.RegisteredScope(scope, preApproved))
                .toList();
    }
}
