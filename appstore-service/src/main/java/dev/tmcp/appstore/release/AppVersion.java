package dev.tmcp.appstore.release;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;

/** A published version of a mini-app, with its signed bundle (spec 16.8.1 {@code download}). */
record AppVersion(String miniappId, String version, String releaseNotes, Instant releaseDate, Download download) {

    record Download(String url, long sizeBytes, String hash, String signature) {
    }

    /** From a row of {@code app_version}. */
    static AppVersion of(Readable r) {
        return new AppVersion(r.get("miniapp_id", String.class), r.get("version", String.class),
                r.get("release_notes", String.class), r.get("published_at", OffsetDateTime.class).toInstant(),
                new Download(r.get("bundle_url", String.class), r.get("size_bytes", Long.class),
                        "sha256:" + r.get("sha256", String.class), r.get("signature", String.class)));
    }
}
