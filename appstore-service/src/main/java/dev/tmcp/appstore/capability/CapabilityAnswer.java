package dev.tmcp.appstore.capability;

import java.math.BigDecimal;
import java.util.List;

/**
 * {@code GET /api/v1/capabilities} (spec 10.5.2). A capability that is not available says why in
 * {@code reason}: {@code not_offered} (this deployment has no such service), {@code scope_missing}
 * (with {@code required_scope}: the token may not use it, 10.5.4), {@code service_unavailable}
 * (the service did not answer in time) or {@code platform} (the client's platform has no such device).
 */
record CapabilityAnswer(Capabilities capabilities, Platform platform, Features features) {

    record Capabilities(Camera camera, Location location, Payment payment, Storage storage, Messaging messaging,
            Biometric biometric) {
    }

    record Camera(boolean available, Boolean requiresPermission, List<String> supportedModes, String reason) {
    }

    record Location(boolean available, Boolean requiresPermission, String accuracy, String reason) {
    }

    /** @param maxAmount the user's per-transaction limit in {@code currency} (6.4.2), when the token may read it */
    record Payment(boolean available, List<String> providers, BigDecimal maxAmount, String currency, String reason,
            String requiredScope) {
    }

    record Storage(boolean available, Long quotaBytes, Long usedBytes, Boolean persistent, String reason,
            String requiredScope) {
    }

    record Messaging(boolean available, Boolean richCards, Boolean fileUpload, String reason, String requiredScope) {
    }

    record Biometric(boolean available, List<String> types, String reason) {
    }

    record Platform(String clientVersion, String platform, String tmcpVersion) {
    }

    record Features(boolean groupGifts, boolean p2pTransfers, boolean miniappPayments) {
    }
}
