package dev.tmcp.appstore.bootstrap;

import java.time.Instant;
import java.util.List;

/** {@code POST /api/v1/client/bootstrap} (spec 16.8.2) and the preinstallation manifest of 16.4. */
final class Bootstrap {

    private Bootstrap() {
    }

    record Request(String clientVersion, String platform, String manifestVersion, String deviceId) {
    }

    /**
     * @param manifest the preinstallation manifest for the client's platform (16.4)
     * @param officialApps each preinstalled app's current bundle, null fields where none is published
     */
    record Response(String bootstrapId, Manifest manifest, List<OfficialApp> officialApps) {
    }

    record Manifest(String version, Instant lastUpdated, List<ManifestApp> apps) {
    }

    record ManifestApp(String miniappId, String name, String category, String classification, String installMode,
            boolean removable, String icon, String entryPoint, int displayOrder) {
    }

    record OfficialApp(String miniappId, String version, String bundleUrl, String bundleHash, Long sizeBytes,
            String signature, Credentials credentials) {
    }

    /** The app's public client id; its tokens come from the token exchange of 4.3.1 (decision 0048). */
    record Credentials(String clientId) {
    }
}
