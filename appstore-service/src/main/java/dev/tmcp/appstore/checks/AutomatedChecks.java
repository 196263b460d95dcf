package dev.tmcp.appstore.checks;

import dev.tmcp.appstore.outbound.GuardedHttp;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.Ids;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The automated checks of spec 9.3.1 on a registration (decision 0050): every URL over HTTPS, a
 * sound Content-Security-Policy on the entry URL's answer when it answers, each consent scope
 * justified, and no credentials in what was registered. Obfuscation and dependencies need a
 * bundle, which an app only has once approved: those two are reported as not run. Each report is
 * kept; the platform reads the latest before deciding.
 */
@Service
class AutomatedChecks {

    /** Scopes granted without the user's consent need no justification. */
    static final Set<String> NO_CONSENT = Set.of("storage:read", "storage:write");
    static final int MIN_JUSTIFICATION = 20;
    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(tools.jackson.databind.PropertyNamingStrategies.SNAKE_CASE).build();

    private final DatabaseClient db;
    private final WebClient client;
    private final boolean localProfile;

    AutomatedChecks(DatabaseClient db, WebClient.Builder builder,
            @Value("${tmcp.appstore.webhooks.allow-private-addresses:false}") boolean allowPrivate) {
        this.db = db;
        this.localProfile = allowPrivate;
        this.client = builder.clone()
                .clientConnector(new ReactorClientHttpConnector(GuardedHttp.client(allowPrivate, Duration.ofSeconds(5))))
                .build();
    }

    private record Registered(Map<String, String> fields, List<String> urls, String entryUrl,
            Map<String, String> justifications) {
    }

    Mono<CheckReport> run(String miniappId) {
        return registered(miniappId).flatMap(app -> csp(app.entryUrl()).map(csp -> {
            List<CheckReport.Warning> warnings = new ArrayList<>(csp.warnings());
            List<CheckReport.Warning> plain = httpWarnings(app.urls(), localProfile);
            warnings.addAll(plain);
            boolean https = plain.stream().noneMatch(w -> "HTTP_URL".equals(w.type()));
            List<CheckReport.Warning> credentials = CredentialScan.findings(app.fields());
            warnings.addAll(credentials);
            boolean justified = true;
            for (Map.Entry<String, String> scope : app.justifications().entrySet()) {
                if (!NO_CONSENT.contains(scope.getKey())
                        && (scope.getValue() == null || scope.getValue().strip().length() < MIN_JUSTIFICATION)) {
                    justified = false;
                    warnings.add(new CheckReport.Warning("SCOPE_NOT_JUSTIFIED", scope.getKey(), "medium",
                            "Say in technical.scope_justifications why the app needs " + scope.getKey()));
                }
            }
            CheckReport.Checks checks = new CheckReport.Checks(csp.valid(), https, credentials.isEmpty(), justified, null, null);
            boolean passed = !Boolean.FALSE.equals(csp.valid()) && https && credentials.isEmpty() && justified;
            return new CheckReport(Ids.next("chk_"), miniappId, CheckReport.COMPLETE, passed, checks, warnings,
                    Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        }))
                .flatMap(report -> db.sql("insert into automated_check (check_id, miniapp_id, passed, report) "
                                + "values (:id, :app, :passed, :report)")
                        .bind("id", report.checkId()).bind("app", miniappId).bind("passed", report.passed())
                        .bind("report", JSON.writeValueAsString(report))
                        .then()
                        .thenReturn(report));
    }

    Mono<CheckReport> latest(String miniappId) {
        return db.sql("select report from automated_check where miniapp_id = :id order by created_at desc limit 1")
                .bind("id", miniappId)
                .map((r, m) -> JSON.readValue(r.get("report", String.class), CheckReport.class))
                .one()
                .switchIfEmpty(Mono.error(() -> new TmcpException(ErrorCode.NOT_FOUND, "No automated checks have run yet")));
    }

    /**
     * A URL without TLS fails the check; in the local profile a loopback one (a developer's own
     * machine) is only noted.
     */
    static List<CheckReport.Warning> httpWarnings(List<String> urls, boolean localProfile) {
        List<CheckReport.Warning> warnings = new ArrayList<>();
        for (String url : urls) {
            if (url.toLowerCase(java.util.Locale.ROOT).startsWith("https://")) {
                continue;
            }
            String host = hostOf(url);
            boolean loopback = "127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host);
            warnings.add(localProfile && loopback
                    ? new CheckReport.Warning("LOCAL_HTTP_URL", url, "low", "Plain http on loopback: fine on a developer's machine only")
                    : new CheckReport.Warning("HTTP_URL", url, "high", "Loaded without TLS: use https"));
        }
        return warnings;
    }

    private static String hostOf(String url) {
        try {
            return URI.create(url).getHost();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The CSP verdict of the entry URL's answer; {@code valid} null when it did not answer. */
    private record Csp(Boolean valid, List<CheckReport.Warning> warnings) {
    }

    private Mono<Csp> csp(String entryUrl) {
        URI uri;
        try {
            uri = URI.create(entryUrl);
        } catch (RuntimeException e) {
            return Mono.just(new Csp(null, List.of()));
        }
        return client.get().uri(uri)
                .exchangeToMono(response -> {
                    String header = response.headers().asHttpHeaders().getFirst("Content-Security-Policy");
                    CspPolicy.Verdict verdict = CspPolicy.evaluate(header);
                    List<CheckReport.Warning> warnings = new ArrayList<>(verdict.warnings());
                    if (response.statusCode().is3xxRedirection()) {
                        warnings.add(new CheckReport.Warning("ENTRY_URL_REDIRECTS", "entry_url", "low",
                                "The entry URL redirects; the policy checked is the redirect's"));
                    }
                    return response.releaseBody().thenReturn(new Csp(verdict.valid(), warnings));
                })
                .timeout(Duration.ofSeconds(6))
                .onErrorResume(e -> Mono.just(new Csp(null, List.of(new CheckReport.Warning("ENTRY_URL_UNREACHABLE",
                        "entry_url", "medium", "The entry URL did not answer (" + e.getClass().getSimpleName()
                                + "): its Content-Security-Policy is checked in the manual review")))));
    }

    private Mono<Registered> registered(String miniappId) {
        Mono<Map<String, String>> justifications = db.sql("select scope, justification from mini_app_scope where client_id = :id "
                        + "order by scope")
                .bind("id", miniappId)
                .map((r, m) -> new String[] {r.get("scope", String.class), r.get("justification", String.class)})
                .all()
                .collect(LinkedHashMap::new, (map, row) -> map.put(row[0], row[1]));
        return db.sql("select * from mini_app where client_id = :id").bind("id", miniappId)
                .map((r, m) -> {
                    Map<String, String> fields = new LinkedHashMap<>();
                    for (String column : List.of("name", "short_name", "description", "developer_info", "entry_url",
                            "webhook_url", "icon_url", "redirect_uris")) {
                        fields.put(column, r.get(column, String.class));
                    }
                    List<String> urls = new ArrayList<>();
                    for (String column : List.of("entry_url", "webhook_url", "icon_url")) {
                        if (fields.get(column) != null) {
                            urls.add(fields.get(column));
                        }
                    }
                    String redirects = fields.remove("redirect_uris");
                    if (redirects != null && !redirects.isBlank()) {
                        List<String> each = Arrays.asList(redirects.trim().split("\\s+"));
                        urls.addAll(each);
                        for (int i = 0; i < each.size(); i++) {
                            fields.put("redirect_uris[" + i + "]", each.get(i));
                        }
                    }
                    return new Registered(fields, urls, fields.get("entry_url"), Map.of());
                })
                .one()
                .switchIfEmpty(Mono.error(() -> new TmcpException(ErrorCode.APP_NOT_FOUND, "No such mini-app")))
                .zipWith(justifications, (app, why) -> new Registered(app.fields(), app.urls(), app.entryUrl(), why));
    }
}
