package dev.tmcp.appstore.release;

import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Update checks (spec 16.8.1): for each installed app whose current version is older than the
 * app's published one, the update with its signed download. Mandatory when the app's install mode
 * is {@code mandatory}. Apps that are unknown, not active or without a published bundle are left out.
 */
@Service
class Updates {

    static final int MAX_APPS = 200;

    private final DatabaseClient db;

    Updates(DatabaseClient db) {
        this.db = db;
    }

    private record Latest(String version, boolean mandatory, AppVersion release) {
    }

    Mono<UpdateCheck.Response> check(UpdateCheck.Request request) {
        List<UpdateCheck.Installed> installed = request == null || request.installedApps() == null ? List.of() : request.installedApps();
        if (installed.size() > MAX_APPS) {
            return Mono.error(invalid("installed_apps lists at most " + MAX_APPS + " apps"));
        }
        Map<String, Semver> current = new LinkedHashMap<>();
        for (UpdateCheck.Installed app : installed) {
            if (app == null || app.miniappId() == null || app.miniappId().isBlank() || app.miniappId().length() > 80) {
                return Mono.error(invalid("each installed app needs a miniapp_id"));
            }
            if (!Semver.isValid(app.currentVersion())) {
                return Mono.error(invalid("current_version of " + app.miniappId() + " must be MAJOR.MINOR.PATCH"));
            }
            current.put(app.miniappId(), Semver.parse(app.currentVersion()));
        }
        if (current.isEmpty()) {
            return Mono.just(new UpdateCheck.Response(List.of()));
        }
        return db.sql("select v.*, m.install_mode from mini_app m join app_version v on v.miniapp_id = m.client_id "
                        + "and v.version = m.version where m.status = 'active' and m.client_id = any(:ids)")
                .bind("ids", current.keySet().toArray(String[]::new))
                .map((r, m) -> new Latest(r.get("version", String.class), "mandatory".equals(r.get("install_mode", String.class)),
                        AppVersion.of(r)))
                .all()
                .collectMap(latest -> latest.release().miniappId())
                .map(latest -> new UpdateCheck.Response(current.entrySet().stream()
                        .filter(e -> latest.containsKey(e.getKey()))
                        .filter(e -> Semver.parse(latest.get(e.getKey()).version()).isNewerThan(e.getValue()))
                        .map(e -> update(e.getValue(), latest.get(e.getKey())))
                        .toList()));
    }

    private static UpdateCheck.Update update(Semver installed, Latest latest) {
        AppVersion release = latest.release();
        return new UpdateCheck.Update(release.miniappId(), installed.toString(), release.version(),
                installed.updateTo(Semver.parse(release.version())).wire, latest.mandatory(),
                release.releaseDate(), release.releaseNotes(), release.download());
    }

    private static TmcpException invalid(String message) {
        return new TmcpException(ErrorCode.INVALID_REQUEST, message);
    }
}
