package dev.tmcp.bridge.outgoing;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tmcp.bridge.homeserver.ProfileCache;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Adds {@code display_name} and {@code avatar_url} to the {@code sender} and {@code recipient}
 * users of a card (spec 4.11.4), from the short profile cache, just before it is sent. A profile
 * that cannot be read within a second is left out: a card is never held up for decoration.
 */
@Component
class ProfileEnricher {

    private static final List<String> PARTIES = List.of("sender", "recipient");
    private static final Duration WAIT = Duration.ofSeconds(1);

    private final ProfileCache profiles;

    ProfileEnricher(ProfileCache profiles) {
        this.profiles = profiles;
    }

    /**
     * A card's party with its profile; what the profile lacks is left out. Named snake_case on the
     * record itself: this is Matrix event content, not a suite body, whatever mapper writes it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Party(String userId, String displayName, String avatarUrl) {
    }

    Mono<Map<String, Object>> enrich(Map<String, Object> content) {
        return Flux.fromIterable(PARTIES)
                .filter(key -> content.get(key) instanceof Map<?, ?> party && party.get("user_id") instanceof String
                        && !party.containsKey("display_name"))
                .concatMap(key -> {
                    String userId = (String) ((Map<?, ?>) content.get(key)).get("user_id");
                    return profiles.profile(userId).timeout(WAIT)
                            .map(profile -> Map.entry(key, new Party(userId, profile.displayname(), profile.avatarUrl())))
                            .onErrorResume(e -> Mono.empty());
                })
                .collectList()
                .map(parties -> {
                    if (parties.isEmpty()) {
                        return content;
                    }
                    Map<String, Object> enriched = new LinkedHashMap<>(content);
                    parties.forEach(p -> enriched.put(p.getKey(), p.getValue()));
                    return enriched;
                });
    }
}
