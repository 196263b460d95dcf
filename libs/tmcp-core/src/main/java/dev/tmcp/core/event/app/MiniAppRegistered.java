package dev.tmcp.core.event.app;

import java.util.List;

/** {@code miniapp.registered} on {@code tmcp.app}: a mini-app entered the registry. */
public record MiniAppRegistered(
        String clientId,
        String name,
        String clientType,
        List<String> redirectUris,
        List<String> scopes) {

    public static final String TYPE = "miniapp.registered";
}
