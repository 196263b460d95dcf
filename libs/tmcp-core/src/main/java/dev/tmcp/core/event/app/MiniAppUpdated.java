package dev.tmcp.core.event.app;

import java.util.List;

/**
 * {@code miniapp.updated} on {@code tmcp.app}: a new version of a mini-app was published (spec
 * 16.8). {@code userIds} are the users who have it installed and are told about it.
 */
public record MiniAppUpdated(
        String clientId,
        String name,
        String previousVersion,
        String newVersion,
        String updateType,
        String updatedAt,
        List<String> userIds) {

    public static final String TYPE = "miniapp.updated";
}
