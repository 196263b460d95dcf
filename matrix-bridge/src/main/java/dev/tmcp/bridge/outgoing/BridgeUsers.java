package dev.tmcp.bridge.outgoing;

/** The users in the bridge's exclusive namespaces (registration: {@code @_tmcp.*}, {@code @ma_.*}). */
public final class BridgeUsers {

    private BridgeUsers() {
    }

    public static boolean isBridgeUser(String userId) {
        return userId != null && (userId.startsWith("@_tmcp") || userId.startsWith("@ma_"));
    }
}
