package dev.tmcp.core.event.app;

import java.util.List;

/**
 * {@code miniapp.suspended} on {@code tmcp.app}: the platform suspended a mini-app (spec 9.2);
 * auth-service ends every live session of it, so its TEPs stop working at once.
 */
public record MiniAppSuspended(String clientId, List<String> reasons) {

    public static final String TYPE = "miniapp.suspended";
}
