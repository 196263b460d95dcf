package dev.tmcp.core.event.app;

/** {@code miniapp.uninstalled} on {@code tmcp.app}: a user removed a mini-app; its data for that user goes. */
public record MiniAppUninstalled(String clientId, String userId) {

    public static final String TYPE = "miniapp.uninstalled";
}
