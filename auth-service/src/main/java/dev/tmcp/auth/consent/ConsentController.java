package dev.tmcp.auth.consent;

import dev.tmcp.auth.clients.MiniAppRegistryClient;
import dev.tmcp.auth.oauth.Forms;
import dev.tmcp.auth.oauth.OAuthException;
import dev.tmcp.auth.subject.SubjectIdentity;
import dev.tmcp.auth.subject.SubjectTokenVerifier;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.web.error.OAuthError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/**
 * The {@code consent_ui_endpoint} of spec 4.3.1. {@code GET} shows the user which mini-app asks for
 * which permissions and which are already approved; {@code POST} (form or JSON, {@code session} and
 * {@code decision=approve|deny}) records the decision. Only the user's own host client may decide
 * (decision 0025): the POST carries {@code Authorization: Bearer} with the user's homeserver access
 * token or a Keycloak token of a first-party client, for the user the request was opened for. The
 * session id alone, a TEP, or a token issued to the mini-app is refused. After approval the client
 * repeats the token exchange and it succeeds.
 */
@RestController
class ConsentController {

    static final String PATH = "/oauth2/consent";

    /** Consent ids are {@code cns_} and 32 URL-safe characters ({@link Consents#open}); nothing else is looked up. */
    private static final java.util.regex.Pattern SESSION = java.util.regex.Pattern.compile("cns_[A-Za-z0-9_-]{16,64}");

    private final Consents consents;
    private final MiniAppRegistryClient registry;
    private final SubjectTokenVerifier subjects;

    ConsentController(Consents consents, MiniAppRegistryClient registry, SubjectTokenVerifier subjects) {
        this.consents = consents;
        this.registry = registry;
        this.subjects = subjects;
    }

    @GetMapping(path = PATH, produces = MediaType.TEXT_HTML_VALUE)
    Mono<ResponseEntity<String>> page(@RequestParam(name = "session", required = false) String session) {
        return pending(session)
                .flatMap(request -> registry.find(request.clientId()).map(app -> html(request, app)))
                .map(html -> ResponseEntity.ok().cacheControl(CacheControl.noStore())
                        .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'")
                        .header("X-Frame-Options", "DENY")
                        .contentType(MediaType.TEXT_HTML).body(html))
                .onErrorResume(OAuthException.class, e -> Mono.just(ResponseEntity.status(e.status())
                        .cacheControl(CacheControl.noStore()).contentType(MediaType.TEXT_HTML)
                        .body("<!doctype html><html><body><p>" + esc(e.getMessage()) + "</p></body></html>")));
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> decideForm(ServerWebExchange http) {
        String authorization = http.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return Forms.read(http, () -> new TmcpException(ErrorCode.INVALID_REQUEST, "The form body is malformed"))
                .flatMap(form -> decide(form.getFirst("session"), form.getFirst("decision"), authorization));
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> decideJson(@RequestBody(required = false) Map<String, Object> body,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        return body == null
                ? Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "A JSON object with session and decision is required"))
                : decide(string(body.get("session")), string(body.get("decision")), authorization);
    }

    private Mono<ResponseEntity<Map<String, Object>>> decide(String session, String decision, String authorization) {
        if (!"approve".equals(decision) && !"deny".equals(decision)) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "decision must be approve or deny"));
        }
        if (session == null || !SESSION.matcher(session).matches()) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_REQUEST, "session must be a consent session id (cns_…)"));
        }
        boolean approve = "approve".equals(decision);
        return user(authorization)
                .flatMap(presenter -> consents.pending(session)
                        .switchIfEmpty(Mono.error(() -> unknownSession()))
                        .flatMap(request -> switch (ConsentAuthority.judge(presenter, subjects.firstPartyClients(),
                                request.userId())) {
                            case ALLOWED -> consents.decide(session, presenter.userId().value(), approve)
                                    .switchIfEmpty(Mono.error(() -> unknownSession()));
                            case ANOTHER_USER -> Mono.error(new TmcpException(ErrorCode.INSUFFICIENT_PERMISSIONS,
                                    "This consent request belongs to another user"));
                            default -> Mono.error(notTheHostClient());
                        }))
                .map(request -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("consent", approve ? "approved" : "denied");
                    body.put("client_id", request.clientId());
                    body.put(approve ? "approved_scopes" : "denied_scopes", request.scopes());
                    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
                });
    }

    /** The verified user behind the host client's bearer token; a missing, foreign or bad token is refused. */
    private Mono<SubjectIdentity> user(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.substring(7).isBlank()) {
            return Mono.error(new TmcpException(ErrorCode.INVALID_TOKEN,
                    "The user's homeserver or first-party Keycloak access token is required",
                    Map.of("accepted", List.of("homeserver_access_token", "first_party_keycloak_token"))));
        }
        String token = authorization.substring(7).trim();
        if (ConsentAuthority.isSuiteToken(token)) {
            return Mono.error(notTheHostClient());
        }
        return subjects.identify(token)
                .onErrorMap(e -> e instanceof OAuthError o && o.status() == 401,
                        e -> new TmcpException(ErrorCode.INVALID_TOKEN, e.getMessage()));
    }

    private static TmcpException notTheHostClient() {
        return new TmcpException(ErrorCode.INSUFFICIENT_PERMISSIONS,
                "Only the user's own client may decide a consent request; a mini-app's token cannot");
    }

    private static TmcpException unknownSession() {
        return new TmcpException(ErrorCode.INVALID_REQUEST, "Consent session is unknown, expired or already used");
    }

    private Mono<Consents.Request> pending(String session) {
        if (session == null || !SESSION.matcher(session).matches()) {
            return Mono.error(OAuthException.invalidRequest("session must be a consent session id (cns_…)"));
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
        // No buttons: a page cannot carry the user's credential, so the host client asks natively (0025).
        page.append("<p>Allow or deny this in your chat app.</p>");
        return page.append("</body></html>").toString();
    }

    private static String esc(String value) {
        return HtmlUtils.htmlEscape(value == null ? "" : value);
    }

    private static String string(Object value) {
        return value instanceof String s ? s : null;
    }

}
