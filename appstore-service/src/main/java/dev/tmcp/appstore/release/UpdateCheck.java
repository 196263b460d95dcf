package dev.tmcp.appstore.release;

import java.time.Instant;
import java.util.List;

/** {@code POST /api/v1/client/check-updates} (spec 16.8.1): what the client has, and what is newer. */
final class UpdateCheck {

    private UpdateCheck() {
    }

    record Request(List<Installed> installedApps, String platform, String clientVersion) {
    }

    record Installed(String miniappId, String currentVersion) {
    }

    record Response(List<Update> updatesAvailable) {
    }

    record Update(String miniappId, String currentVersion, String newVersion, String updateType, boolean mandatory,
            Instant releaseDate, String releaseNotes, AppVersion.Download download) {
    }
}
