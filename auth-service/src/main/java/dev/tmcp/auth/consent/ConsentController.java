package dev.tmcp.auth.consent;

import dev.tmcp.auth.clients.MiniAppRegistryClient;
import dev.tmcp.auth.token.OAuthException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/**
 * The {@code consent_ui_endpoint} of spec 4.3.1. {@code GET} shows the user which mini-app asks for
 * which permissions and which are already approved; {@code POST} (form or JSON, {@code session} and
 * {@code decision=approve|deny}) records the decision. After approval the client repeats the token
 * exchange and it succeeds.
 */
@RestController
class ConsentController {

    static final String PATH = "/oauth2/consent";

    private final Consents consents;
    private final MiniAppRegistryClient registry;

    ConsentController(Consents consents, MiniAppRegistryClient registry) {
        this.consents = consents;
        this.registry = registry;
    }

    @GetMapping(path = PATH, produces = MediaType.TEXT_HTML_VALUE)
    Mono<ResponseEntity<String>> page(@RequestParam(name = "session", required = false) String session) {
        return pending(session)
                .flatMap(request -> registry.find(request.clientId()).map(app -> html(request, app)))
                .map(html -> ResponseEntity.ok().cacheControl(CacheControl.noStore())
                        .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
                        .header("X-Frame-Options", "DENY")
                        .contentType(MediaType.TEXT_HTML).body(html))
                .onErrorResume(OAuthException.class, e -> Mono.just(ResponseEntity.status(e.status())
                        .cacheControl(CacheControl.noStore()).contentType(MediaType.TEXT_HTML)
                        .body("<!doctype html><html><body><p>" + esc(e.getMessage()) + "</p></body></html>")));
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> decideForm(ServerWebExchange http) {
        return http.getFormData().flatMap(form -> decide(form.getFirst("session"), form.getFirst("decision")));
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> decideJson(@org.springframework.web.bind.annotation.RequestBody Map<String, Object> body) {
        return decide(string(body.get("session")), string(body.get("decision")));
    }

    private Mono<ResponseEntity<Map<String, Object>>> decide(String session, String decision) {
        if (!"approve".equals(decision) && !"deny".equals(decision)) {
            return Mono.error(OAuthException.invalidRequest("decision must be approve or deny"));
        }
        if (session == null || session.isBlank()) {
            return Mono.error(OAuthException.invalidRequest("session is required"));
        }
        boolean approve = "approve".equals(decision);
        return consents.decide(session, approve)
                .switchIfEmpty(Mono.error(() -> OAuthException.invalidRequest("Consent session is unknown, expired or already used")))
                .map(request -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("consent", approve ? "approved" : "denied");
                    body.put("client_id", request.clientId());
                    body.put(approve ? "approved_scopes" : "denied_scopes", request.scopes());
                    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
                });
    }

    private Mono<Consents.Request> pending(String session) {
        if (session == null || session.isBlank()) {
            return Mono.error(OAuthException.invalidRequest("session is required"));
        }
        return consents.pending(session)
                .switchIfEmpty(Mono.error(() -> OAuthException.invalidRequest("Consent session is unknown, expired or already used")));
    }

    private static String html(Consents.Request request, MiniAppRegistryClient.MiniApp app) {
        StringBuilder page = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width\"><title>Allow access?</title>"
                + "<style>body{font-family:sans-serif;max-width:28em;margin:2em auto}li{margin:.3em 0}</style></head><body>");
        page.append("<h1>").append(esc(app.name())).append(" asks for your permission</h1>");
        page.append("<p>").append(esc(app.name())).append(" (").append(esc(app.clientId()))
                .append(") wants to:</p><ul>");
        request.scopes().forEach(s -> page.append("<li><strong>").append(esc(ScopeDescriptions.of(s)))
                .append("</strong> <code>").append(esc(s)).append("</code></li>"));
        page.append("</ul>");
        if (!request.granted().isEmpty()) {
            page.append("<p>Already allowed:</p><ul>");
            request.granted().forEach(s -> page.append("<li>").append(esc(ScopeDescriptions.of(s))).append("</li>"));
            page.append("</ul>");
        }
        for (String decision : List.of("approve", "deny")) {
            page.append("<form method=\"post\" action=\"").append(PATH).append("\" style=\"display:inline\">")
                    .append("<input type=\"hidden\" name=\"session\" value=\"").append(esc(request.consentId())).append("\">")
                    .append("<input type=\"hidden\" name=\"decision\" value=\"").append(decision).append("\">")
                    .append("<button type=\"submit\">").append("approve".equals(decision) ? "Allow" : "Deny")
                    .append("</button></form> ");
        }
        return page.append("</body></html>").toString();
    }

    private static String esc(String value) {
        return HtmlUtils.htmlEscape(value == null ? "" : value);
    }

    private static String string(Object value) {
        return value instanceof String s ? s : null;
    }

}
