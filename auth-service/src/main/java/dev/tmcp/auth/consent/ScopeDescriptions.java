package dev.tmcp.auth.consent;

import java.util.Map;

/** What each scope lets a mini-app do, in the words of spec 5.2 / 16.7, for the consent page. */
final class ScopeDescriptions {

    private static final Map<String, String> TEXT = Map.ofEntries(
            Map.entry("user:read", "Read your basic profile (name, avatar)"),
            Map.entry("user:read:extended", "Read your extended profile (status, bio)"),
            Map.entry("user:read:contacts", "Read your friend list"),
            Map.entry("wallet:balance", "Read your wallet balance"),
            Map.entry("wallet:pay", "Make payments from your wallet (each one confirmed by you)"),
            Map.entry("wallet:history", "Read your transaction history"),
            Map.entry("wallet:request", "Request payments from other users"),
            Map.entry("messaging:send", "Send messages to your rooms"),
            Map.entry("messaging:read", "Read message history"),
            Map.entry("storage:read", "Read its own stored data"),
            Map.entry("storage:write", "Store data of its own"),
            Map.entry("webhook:send", "Receive webhook callbacks"),
            Map.entry("room:create", "Create new rooms"),
            Map.entry("room:invite", "Invite users to rooms"),
            Map.entry("system:notifications", "Send system-level notifications"),
            Map.entry("wallet:admin", "Administer your wallet"),
            Map.entry("messaging:broadcast", "Broadcast messages"),
            Map.entry("analytics:detailed", "Collect detailed analytics"));

    private ScopeDescriptions() {
    }

    static String of(String scope) {
        return TEXT.getOrDefault(scope, scope);
    }
}
