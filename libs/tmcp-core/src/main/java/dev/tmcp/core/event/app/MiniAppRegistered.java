package dev.tmcp.core.event.app;

import java.util.List;

/**
 * {@code miniapp.registered} on {@code tmcp.app}: a mini-app entered the registry.
 *
 * @param clientType {@code public}, {@code confidential} or {@code hybrid}
 * @param backendClientId the confidential backend client of a hybrid app ({@code ma_x_backend}),
 *     null otherwise (and in events written before hybrid registration existed)
 */
public record MiniAppRegistered(
        String clientId,
        String name,
        String clientType,
        List<String> redirectUris,
        List<String> scopes,
        String backendClientId) {

    public static final String TYPE = "miniapp.registered";

    public MiniAppRegistered(String clientId, String name, String clientType, List<String> redirectUris,
            List<String> scopes) {
        this(clientId, name, clientType, redirectUris, scopes, null);
    }
}
