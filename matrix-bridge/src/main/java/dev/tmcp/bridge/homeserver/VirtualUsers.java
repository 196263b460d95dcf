package dev.tmcp.bridge.homeserver;

import dev.tmcp.bridge.BridgeProperties;
import dev.tmcp.bridge.Bots;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Registers the bots at start-up, and any virtual user (a mini-app's {@code @ma_…}) on first use,
 * with the Application Service login type and a display name. Registering is idempotent on the
 * homeserver; the map only spares repeated calls within this process.
 */
@Component
public class VirtualUsers {

    private static final Logger log = LoggerFactory.getLogger(VirtualUsers.class);

    private final MatrixApi api;
    private final BridgeProperties properties;
    private static final int MAX_REMEMBERED = 10_000;

    private final Map<String, String> ensured = new ConcurrentHashMap<>();

    VirtualUsers(MatrixApi api, BridgeProperties properties) {
        this.api = api;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerBots() {
        Flux.fromIterable(Bots.all())
                .concatMap(bot -> ensure(bot.localpart(), bot.displayName()).flatMap(userId -> avatar(bot, userId)))
                .then()
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
                .subscribe(v -> { }, e -> log.error("bot registration failed", e),
                        () -> log.info("virtual users registered"));
    }

    /** Uploads and sets the bot's avatar once: a bot that already has one keeps it. */
    private Mono<Void> avatar(Bots bot, String userId) {
        return api.profile(userId)
                .flatMap(profile -> profile.avatarUrl() != null
                        ? Mono.<Void>empty()
                        : Mono.fromCallable(() -> BotAvatars.png(bot.colour()))
                                .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic())
                                .flatMap(png -> api.upload(png, "image/png", bot.localpart() + ".png", userId))
                                .flatMap(mxc -> api.setAvatarUrl(userId, mxc)));
    }

    /** Makes sure the user exists with this display name; returns its user id. */
    public Mono<String> ensure(String localpart, String displayName) {
        String userId = properties.userId(localpart);
        String wanted = displayName == null ? "" : displayName;
        if (wanted.equals(ensured.get(localpart))) {
            return Mono.just(userId);
        }
        Mono<Void> name = wanted.isEmpty() ? Mono.empty() : api.setDisplayName(userId, wanted);
        return api.registerVirtualUser(localpart).then(name)
                .doOnSuccess(v -> remember(localpart, wanted))
                .thenReturn(userId);
    }

    /** One entry per mini-app that sent a card: bounded, since forgetting only costs a repeated registration. */
    private void remember(String localpart, String displayName) {
        if (ensured.size() >= MAX_REMEMBERED) {
            ensured.clear();
        }
        ensured.put(localpart, displayName);
    }

    /** The virtual user of a mini-app (spec 8.1.3): {@code @ma_…}, the client id in lower case. */
    public static String miniAppLocalpart(String clientId) {
        return clientId.toLowerCase(java.util.Locale.ROOT);
    }
}
