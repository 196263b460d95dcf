package dev.tmcp.auth.platform;

import dev.tmcp.auth.keys.SigningKeys;
import dev.tmcp.auth.oauth.Forms;
import dev.tmcp.web.platform.PlatformCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code POST /admin/keys/rotate}: the platform rotates the TEP signing key. The replaced key stops
 * signing but stays in the JWKS until every token it signed has expired, so any number of
 * rotations leaves live tokens valid.
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

    /** {@code {"active_kid": …, "rotated": true}}. */
    record Rotated(String activeKid, boolean rotated) {
    }

    @PostMapping("/admin/keys/rotate")
    Mono<Rotated> rotate(ServerWebExchange http) {
        return Forms.read(http).defaultIfEmpty(new org.springframework.util.LinkedMultiValueMap<>())
                .flatMap(form -> {
                    platform.require(http.getRequest().getHeaders(), form);
                    return keys.rotate();
                })
                .doOnNext(kid -> log.info("TEP signing key rotated; active kid {}", kid))
                .map(kid -> new Rotated(kid, true));
    }

}
