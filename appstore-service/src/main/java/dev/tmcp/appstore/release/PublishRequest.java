package dev.tmcp.appstore.release;

/** The body of {@code POST /mini-apps/v1/{id}/versions}: a new version whose bundle the platform fetches and signs. */
record PublishRequest(String version, String releaseNotes, String bundleUrl) {
}
