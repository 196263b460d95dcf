package dev.tmcp.core.event.app;

/** {@code miniapp.installed} on {@code tmcp.app}: a user installed a mini-app (spec 16.6.2). */
public record MiniAppInstalled(
        String clientId,
        String userId,
        String name,
        String version,
        String classification,
        String installedAt) {

    public static final String TYPE = "miniapp.installed";
}
