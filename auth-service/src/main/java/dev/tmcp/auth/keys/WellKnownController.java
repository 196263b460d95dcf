package dev.tmcp.auth.keys;

import dev.tmcp.auth.AuthProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import java.time.Duration;

/** JWKS and an OpenID-style discovery document for the TEP issuer. */
@RestController
class WellKnownController {

    private final SigningKeys keys;
    private final AuthProperties properties;

    WellKnownController(SigningKeys keys, AuthProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    @GetMapping("/.well-known/jwks.json")
    Mono<ResponseEntity<Map<String, Object>>> jwks() {
        return keys.publicJwks().map(set -> ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)))
                .body(set.toJSONObject(true)));
    }

    /** RFC 8414 metadata; the same document is served at the OpenID Connect discovery path. */
    @GetMapping({"/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"})
    Map<String, Object> discovery() {
        String issuer = properties.issuer();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer);
        doc.put("token_endpoint", issuer + "/oauth2/token");
        doc.put("jwks_uri", issuer + "/.well-known/jwks.json");
        doc.put("grant_types_supported", List.of("urn:ietf:params:oauth:grant-type:token-exchange", "refresh_token",
                "client_credentials"));
        doc.put("token_endpoint_auth_methods_supported", List.of("none", "client_secret_post", "client_secret_basic"));
        doc.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS256"));
        doc.put("response_types_supported", List.of("none"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("scopes_supported", List.of("user:read", "user:read:extended", "user:read:contacts", "wallet:balance",
                "wallet:pay", "wallet:history", "wallet:request", "messaging:send", "messaging:read", "storage:read",
                "storage:write", "webhook:send", "room:create", "room:invite"));
        doc.put("consent_endpoint", issuer + "/oauth2/consent");
        doc.put("tep_revocation_endpoint", issuer + "/api/v1/auth/revoke");
        return doc;
    }
}
