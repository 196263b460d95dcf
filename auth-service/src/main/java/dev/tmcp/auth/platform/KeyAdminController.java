package dev.tmcp.auth.platform;

import dev.tmcp.auth.keys.SigningKeys;
import dev.tmcp.web.platform.PlatformCredentials;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code POST /admin/keys/rotate}: the platform rotates the TEP signing key. Tokens signed with the
 * key being replaced stay valid (it stays in the JWKS as the previous key); the key before that is
 * retired, so rotate at most once per TEP lifetime unless a key is compromised.
 */
@RestController
class KeyAdminController {

    private static final Logger log = LoggerFactory.getLogger(KeyAdminController.class);

    private final PlatformCredentials platform;
    private final SigningKeys keys;

    KeyAdminController(PlatformCredentials platform, SigningKeys keys) {
        this.platform = platform;
        this.keys = keys;
    }

    @PostMapping("/admin/keys/rotate")
    Mono<Map<String, Object>> rotate(ServerWebExchange http) {
        return http.getFormData().defaultIfEmpty(new org.springframework.util.LinkedMultiValueMap<>())
                .flatMap(form -> {
                    platform.require(http.getRequest().getHeaders(), form);
                    return keys.rotate();
                })
                .doOnNext(kid -> log.info("TEP signing key rotated; active kid {}", kid))
                .map(kid -> Map.of("active_kid", kid, "rotated", true));
    }

}
