package dev.tmcp.appstore.launch;

import dev.tmcp.appstore.access.HostApps;
import dev.tmcp.appstore.release.BundleSigner;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.web.tep.TepPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signed launch contexts (decision 0051): who opened which app, where, and when, signed with the
 * platform's key so the app's backend can trust it without calling the platform.
 */
@Service
class Launches {

    static final String MEDIA_TYPE = "tmcp-launch+jws";
    static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern APP = Pattern.compile("ma_[A-Za-z0-9_]{1,60}");
    private static final Pattern ROOM = Pattern.compile("![^\\s:/]{1,200}:[A-Za-z0-9.:\\[\\]-]{1,200}");
    private static final Pattern SOURCE = Pattern.compile("[a-z_]{1,32}");

    private final DatabaseClient db;
    private final HostApps hosts;
    private final BundleSigner signer;

    Launches(DatabaseClient db, HostApps hosts, BundleSigner signer) {
        this.db = db;
        this.hosts = hosts;
        this.signer = signer;
    }

    Mono<Launch.Response> launch(TepPrincipal user, Launch.Request request) {
        String source = validate(request);
        return hosts.requireHost(user, "Only the host's official app launches a mini-app")
                .then(app(request.miniappId()))
                .map(app -> {
                    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                    Instant expires = now.plus(LIFETIME);
                    TreeMap<String, Object> claims = new TreeMap<>();
                    claims.put("app", request.miniappId());
                    claims.put("exp", expires.getEpochSecond());
                    claims.put("iat", now.getEpochSecond());
                    claims.put("launch_source", source);
                    claims.put("room_id", request.roomId());
                    claims.put("user_id", user.userId().value());
                    return new Launch.Response(request.miniappId(), app.name(), app.entryUrl(), app.scopes(),
                            signer.sign(MEDIA_TYPE, JSON.writeValueAsString(claims)), expires);
                });
    }

    private record App(String name, String entryUrl, List<String> scopes) {
    }

    private Mono<App> app(String miniappId) {
        return db.sql("select m.name, m.entry_url, (select string_agg(s.scope, ' ' order by s.scope) from mini_app_scope s "
                        + "where s.client_id = m.client_id) as scopes from mini_app m "
                        + "where m.client_id = :c and m.status = 'active' and m.entry_url is not null")
                .bind("c", miniappId)
                .map((r, m) -> {
                    String scopes = r.get("scopes", String.class);
                    return new App(r.get("name", String.class), r.get("entry_url", String.class),
                            scopes == null ? List.of() : List.of(scopes.split(" ")));
                })
                .one()
                .switchIfEmpty(Mono.error(new TmcpException(ErrorCode.MINIAPP_NOT_FOUND,
                        "No active mini-app " + miniappId + " with an entry URL")));
    }

    private static String validate(Launch.Request request) {
        if (request == null || request.miniappId() == null || !APP.matcher(request.miniappId()).matches()) {
            throw new TmcpException(ErrorCode.INVALID_REQUEST, "miniapp_id must be a mini-app id (ma_…)");
        }
        if (request.roomId() == null || !ROOM.matcher(request.roomId()).matches()) {
            throw new TmcpException(ErrorCode.INVALID_REQUEST, "room_id must be a Matrix room id (!…:server)");
        }
        String source = request.launchSource() == null ? "chat_bubble" : request.launchSource();
        if (!SOURCE.matcher(source).matches()) {
            throw new TmcpException(ErrorCode.INVALID_REQUEST, "launch_source must be lower-case letters and _ (at most 32)");
        }
        return source;
    }
}
