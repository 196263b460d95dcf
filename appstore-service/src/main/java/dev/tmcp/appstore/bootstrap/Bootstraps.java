package dev.tmcp.appstore.bootstrap;

import dev.tmcp.appstore.access.HostApps;
import dev.tmcp.appstore.install.Installations;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.id.Ids;
import dev.tmcp.web.tep.TepPrincipal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Client bootstrap (spec 16.8.2, 16.4; decision 0048). The host's official app, with the user's
 * TEP, reports a device's first launch; the answer is the preinstallation manifest for its
 * platform and each preinstalled app's signed bundle. The user gets every {@code mandatory} app
 * installed, and on their first bootstrap the {@code default} ones too (one they removed later is
 * not put back by a new device). Repeating a device's bootstrap answers the same id.
 */
@Service
class Bootstraps {

    static final Set<String> PLATFORMS = Set.of("ios", "android", "web", "desktop");
    static final String MANIFEST_VERSION = "1.0";
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z.+-]{1,40}");

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Installations installations;
    private final HostApps hosts;

    Bootstraps(DatabaseClient db, TransactionalOperator tx, Installations installations, HostApps hosts) {
        this.db = db;
        this.tx = tx;
        this.installations = installations;
        this.hosts = hosts;
    }

    private record Preinstalled(Bootstrap.ManifestApp app, Bootstrap.OfficialApp bundle, Instant changed) {
    }

    private record Recorded(String bootstrapId, boolean firstOfUser) {
    }

    Mono<Bootstrap.Response> bootstrap(TepPrincipal user, Bootstrap.Request request) {
        validate(request);
        // One transaction: a bootstrap is recorded only with the installations it brings.
        return hosts.requireHost(user, "Only the host's official app bootstraps a client")
                .then(tx.transactional(record(user, request)
                        .flatMap(recorded -> preinstalled(request.platform()).collectList()
                                .flatMap(apps -> Flux.fromIterable(apps)
                                        .filter(p -> "mandatory".equals(p.app().installMode())
                                                || recorded.firstOfUser() && "default".equals(p.app().installMode()))
                                        .concatMap(p -> installations.install(user.userId(), p.app().miniappId()))
                                        .then(Mono.just(answer(recorded.bootstrapId(), apps)))))));
    }

    private Mono<Recorded> record(TepPrincipal user, Bootstrap.Request request) {
        String userId = user.userId().value();
        return db.sql("select bootstrap_id, device_id from client_bootstrap where user_id = :u")
                .bind("u", userId)
                .map((r, m) -> new String[] {r.get("bootstrap_id", String.class), r.get("device_id", String.class)})
                .all().collectList()
                .flatMap(previous -> previous.stream().filter(p -> p[1].equals(request.deviceId())).findFirst()
                        .map(p -> Mono.just(new Recorded(p[0], false)))
                        .orElseGet(() -> db.sql("insert into client_bootstrap (bootstrap_id, user_id, device_id, platform, "
                                        + "client_version, manifest_version) values (:id, :u, :d, :p, :cv, :mv) "
                                        + "on conflict (user_id, device_id) do nothing returning bootstrap_id")
                                .bind("id", Ids.next("bootstrap_")).bind("u", userId).bind("d", request.deviceId())
                                .bind("p", request.platform()).bind("cv", request.clientVersion())
                                .bind("mv", io.r2dbc.spi.Parameters.in(io.r2dbc.spi.R2dbcType.VARCHAR, request.manifestVersion()))
                                .map((r, m) -> new Recorded(r.get("bootstrap_id", String.class), previous.isEmpty()))
                                .one()
                                // A concurrent bootstrap of the same device won the insert: answer its id.
                                .switchIfEmpty(Mono.defer(() -> db.sql("select bootstrap_id from client_bootstrap "
                                                + "where user_id = :u and device_id = :d")
                                        .bind("u", userId).bind("d", request.deviceId())
                                        .map((r, m) -> new Recorded(r.get("bootstrap_id", String.class), false))
                                        .one()))));
    }

    private Flux<Preinstalled> preinstalled(String platform) {
        return db.sql("select m.client_id, m.name, m.category, m.classification, m.install_mode, m.removable, m.icon_url, "
                        + "m.entry_url, coalesce(m.display_order, 1000) as display_order, m.version, m.created_at, "
                        + "v.bundle_url, v.sha256, v.size_bytes, v.signature, v.published_at from mini_app m "
                        + "left join app_version v on v.miniapp_id = m.client_id and v.version = m.version "
                        + "where m.status = 'active' and m.classification = 'official' and m.install_mode <> 'optional' "
                        + "and (' ' || m.preinstall_platforms || ' ') like :platform order by display_order, m.client_id")
                .bind("platform", "% " + platform + " %")
                .map((r, m) -> {
                    String id = r.get("client_id", String.class);
                    String entry = r.get("entry_url", String.class);
                    String sha = r.get("sha256", String.class);
                    OffsetDateTime published = r.get("published_at", OffsetDateTime.class);
                    Instant changed = (published != null ? published : r.get("created_at", OffsetDateTime.class)).toInstant();
                    return new Preinstalled(
                            new Bootstrap.ManifestApp(id, r.get("name", String.class), r.get("category", String.class),
                                    r.get("classification", String.class), r.get("install_mode", String.class),
                                    Boolean.TRUE.equals(r.get("removable", Boolean.class)), r.get("icon_url", String.class),
                                    entry != null ? entry : "tween-internal://" + id, r.get("display_order", Integer.class)),
                            new Bootstrap.OfficialApp(id, r.get("version", String.class), r.get("bundle_url", String.class),
                                    sha == null ? null : "sha256:" + sha, r.get("size_bytes", Long.class),
                                    r.get("signature", String.class), new Bootstrap.Credentials(id)),
                            changed);
                })
                .all();
    }

    private static Bootstrap.Response answer(String bootstrapId, List<Preinstalled> apps) {
        Instant updated = apps.stream().map(Preinstalled::changed).max(Comparator.naturalOrder())
                .orElse(Instant.EPOCH).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return new Bootstrap.Response(bootstrapId,
                new Bootstrap.Manifest(MANIFEST_VERSION, updated, apps.stream().map(Preinstalled::app).toList()),
                apps.stream().map(Preinstalled::bundle).toList());
    }

    private static void validate(Bootstrap.Request request) {
        if (request == null || request.platform() == null || !PLATFORMS.contains(request.platform())) {
            throw invalid("platform must be one of ios, android, web, desktop");
        }
        if (request.deviceId() == null || !DEVICE.matcher(request.deviceId()).matches()) {
            throw invalid("device_id is required: 1 to 100 of A-Z a-z 0-9 _ . : -");
        }
        if (request.clientVersion() == null || !VERSION.matcher(request.clientVersion()).matches()) {
            throw invalid("client_version is required, at most 40 characters");
        }
        if (request.manifestVersion() != null && !VERSION.matcher(request.manifestVersion()).matches()) {
            throw invalid("manifest_version is at most 40 characters");
        }
    }

    private static TmcpException invalid(String message) {
        return new TmcpException(ErrorCode.INVALID_REQUEST, message);
    }
}
