package dev.tmcp.appstore.release;

import dev.tmcp.appstore.webhook.AppLifecycleWebhooks;
import dev.tmcp.core.error.ErrorCode;
import dev.tmcp.core.error.TmcpException;
import dev.tmcp.core.event.EventCodec;
import dev.tmcp.core.event.Topics;
import dev.tmcp.core.event.app.MiniAppUpdated;
import dev.tmcp.web.outbox.OutboxWriter;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Publishing versions of an active app (spec 16.8, decision 0048). The bundle is downloaded and
 * hashed before anything is written; the version row, the app's current version and
 * {@code miniapp.updated} for its users then commit together, so a user is told only of a version
 * that clients can fetch and verify.
 */
@Service
public class Releases {

    private static final Logger log = LoggerFactory.getLogger(Releases.class);
    /** Users named by one {@code miniapp.updated} event; an app with more installs gets several events. */
    static final int USERS_PER_EVENT = 500;

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final OutboxWriter outbox;
    private final BundleFetcher fetcher;
    private final BundleSigner signer;
    private final AppLifecycleWebhooks webhooks;

    Releases(DatabaseClient db, TransactionalOperator tx, OutboxWriter outbox, BundleFetcher fetcher, BundleSigner signer,
            AppLifecycleWebhooks webhooks) {
        this.db = db;
        this.tx = tx;
        this.outbox = outbox;
        this.fetcher = fetcher;
        this.signer = signer;
        this.webhooks = webhooks;
    }

    private record Current(String name, String status, String version, boolean published) {
    }

    Mono<AppVersion> publish(String miniappId, PublishRequest request, String publishedBy) {
        Semver version = parseVersion(request.version());
        String notes = request.releaseNotes() == null ? "" : request.releaseNotes().trim();
        if (notes.isEmpty() || notes.length() > 2000) {
            return Mono.error(invalid("release_notes is required, at most 2000 characters"));
        }
        URI url = bundleUrl(request.bundleUrl());
        return current(miniappId)
                .flatMap(app -> {
                    if (!"active".equals(app.status())) {
                        return Mono.error(new TmcpException(ErrorCode.INVALID_STATE,
                                "Only an active mini-app publishes versions; this one is " + app.status(),
                                Map.of("status", app.status())));
                    }
                    Semver previous = Semver.parse(app.version());
                    boolean acceptable = app.published() ? version.isNewerThan(previous) : version.compareTo(previous) >= 0;
                    if (!acceptable) {
                        return Mono.error(new TmcpException(ErrorCode.INVALID_STATE,
                                "version must be newer than " + previous, Map.of("current_version", previous.toString())));
                    }
                    return fetcher.fetch(url).flatMap(bundle -> {
                        String hash = "sha256:" + bundle.sha256Hex();
                        String signature = signer.sign(new BundleManifest(miniappId, version.toString(), hash, bundle.sizeBytes()));
                        return tx.transactional(insert(miniappId, version, notes, url, bundle, signature, publishedBy)
                                .flatMap(at -> advance(miniappId, app.version(), version)
                                        .then(announce(miniappId, app, version, at))
                                        .then(webhooks.queue(miniappId, "app.version_published", Map.of("miniapp_id", miniappId,
                                                "version", version.toString(), "release_notes", notes,
                                                "download", Map.of("url", url.toString(), "size_bytes", bundle.sizeBytes(),
                                                        "hash", hash, "signature", signature))))
                                        .thenReturn(new AppVersion(miniappId, version.toString(), notes, at,
                                                new AppVersion.Download(url.toString(), bundle.sizeBytes(), hash, signature)))));
                    });
                })
                .doOnNext(v -> log.info("mini-app {} version {} published by {}", miniappId, v.version(), publishedBy));
    }

    /** Published versions, newest first. */
    Flux<AppVersion> versions(String miniappId) {
        return db.sql("select * from app_version where miniapp_id = :id order by published_at desc").bind("id", miniappId)
                .map((r, m) -> AppVersion.of(r))
                .all();
    }

    /** The app's current version when it is published and the app active. */
    Mono<AppVersion> latest(String miniappId) {
        return db.sql("select v.* from app_version v join mini_app m on m.client_id = v.miniapp_id "
                        + "and m.version = v.version where m.client_id = :id and m.status = 'active'")
                .bind("id", miniappId)
                .map((r, m) -> AppVersion.of(r))
                .one();
    }

    private Mono<Current> current(String miniappId) {
        return db.sql("select name, status, version, exists (select 1 from app_version v where v.miniapp_id = m.client_id) "
                        + "as published from mini_app m where client_id = :id")
                .bind("id", miniappId)
                .map((r, m) -> new Current(r.get("name", String.class), r.get("status", String.class),
                        r.get("version", String.class), Boolean.TRUE.equals(r.get("published", Boolean.class))))
                .one()
                .switchIfEmpty(Mono.error(() -> new TmcpException(ErrorCode.APP_NOT_FOUND, "No such mini-app")));
    }

    private Mono<Instant> insert(String miniappId, Semver version, String notes, URI url, BundleFetcher.Fetched bundle,
            String signature, String publishedBy) {
        return db.sql("insert into app_version (miniapp_id, version, release_notes, bundle_url, size_bytes, sha256, "
                        + "signature, published_by) values (:id, :v, :notes, :url, :size, :sha, :sig, :by) "
                        + "on conflict do nothing returning published_at")
                .bind("id", miniappId).bind("v", version.toString()).bind("notes", notes).bind("url", url.toString())
                .bind("size", bundle.sizeBytes()).bind("sha", bundle.sha256Hex()).bind("sig", signature).bind("by", publishedBy)
                .map((r, m) -> r.get("published_at", OffsetDateTime.class).toInstant().truncatedTo(ChronoUnit.SECONDS))
                .one()
                .switchIfEmpty(Mono.error(() -> conflict(version)));
    }

    /** Moves the app to the new version unless another publication moved it first. */
    private Mono<Void> advance(String miniappId, String previous, Semver version) {
        return db.sql("update mini_app set version = :v, released_at = now() where client_id = :id and version = :previous")
                .bind("v", version.toString()).bind("id", miniappId).bind("previous", previous)
                .fetch().rowsUpdated()
                .flatMap(n -> n == 1 ? Mono.<Void>empty() : Mono.error(conflict(version)));
    }

    private Mono<Void> announce(String miniappId, Current app, Semver version, Instant at) {
        Semver previous = Semver.parse(app.version());
        if (!version.isNewerThan(previous)) {
            return Mono.empty(); // the first bundle of the version the app was approved with
        }
        String type = previous.updateTo(version).wire;
        return db.sql("select user_id from installation where client_id = :id order by user_id").bind("id", miniappId)
                .map((r, m) -> r.get("user_id", String.class))
                .all()
                .buffer(USERS_PER_EVENT)
                .concatMap(users -> outbox.append(Topics.APP, EventCodec.envelope(MiniAppUpdated.TYPE, "appstore-service",
                        miniappId, new MiniAppUpdated(miniappId, app.name(), app.version(), version.toString(), type,
                                at.toString(), List.copyOf(users)))))
                .then();
    }

    private static Semver parseVersion(String text) {
        try {
            return Semver.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid("version: " + e.getMessage());
        }
    }

    private static URI bundleUrl(String text) {
        try {
            URI uri = text == null || text.length() > 2000 ? null : new URI(text);
            if (uri == null || !uri.isAbsolute() || uri.getHost() == null || uri.getUserInfo() != null || uri.getFragment() != null) {
                throw invalid("bundle_url must be an absolute URL without credentials or a fragment");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw invalid("bundle_url must be an absolute URL without credentials or a fragment");
        }
    }

    private static TmcpException conflict(Semver version) {
        return new TmcpException(ErrorCode.INVALID_STATE, "Version " + version + " is already published or superseded");
    }

    private static TmcpException invalid(String message) {
        return new TmcpException(ErrorCode.INVALID_REQUEST, message);
    }
}
