package dev.tmcp.bridge.homeserver;

import dev.tmcp.bridge.BridgeProperties;
import dev.tmcp.bridge.Bots;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/** Registers the bots with their display names once the homeserver answers. */
@Component
class VirtualUsers {

    private static final Logger log = LoggerFactory.getLogger(VirtualUsers.class);

    private final MatrixApi api;
    private final BridgeProperties properties;

    VirtualUsers(MatrixApi api, BridgeProperties properties) {
        this.api = api;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerBots() {
        Flux.fromIterable(Bots.all())
                .concatMap(this::ensure)
                .then()
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
                .subscribe(v -> { }, e -> log.error("bot registration failed", e),
                        () -> log.info("virtual users registered"));
    }

    Mono<Void> ensure(Bots bot) {
        String userId = properties.userId(bot.localpart());
        return api.registerVirtualUser(bot.localpart()).then(api.setDisplayName(userId, bot.displayName()));
    }
}
