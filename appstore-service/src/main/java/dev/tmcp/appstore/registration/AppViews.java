package dev.tmcp.appstore.registration;

import java.time.Instant;
import java.util.List;

/** A developer's view of their apps (decision 0050). */
final class AppViews {

    private AppViews() {
    }

    record Summary(String miniappId, String name, String status, String clientType, String classification,
            String version, String orgId, Instant createdAt) {
    }

    record Apps(List<Summary> apps) {
    }

    record Detail(String miniappId, String name, String shortName, String description, String category, String status,
            String clientType, String classification, String version, String orgId, String entryUrl,
            List<String> redirectUris, List<String> scopes, String webhookUrl, String backendClientId, Branding branding,
            Instant createdAt, Instant approvedAt) {
    }

    record Branding(String iconUrl, String primaryColor) {
    }

    /** {@code PATCH /mini-apps/v1/{id}}: only the fields given change. */
    record Update(String name, String shortName, String description, String category, Branding branding, String entryUrl,
            List<String> redirectUris) {
    }

    record WebhookSecretRotation(Long overlapSeconds) {
    }

    /** A new secret, shown once. */
    record NewSecret(String miniappId, String clientId, String clientSecret, String webhookSecret,
            Instant previousValidUntil) {
    }
}
