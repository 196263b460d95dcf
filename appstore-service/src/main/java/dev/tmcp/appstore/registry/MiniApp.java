package dev.tmcp.appstore.registry;

import java.util.List;

/** A registered mini-app: its OAuth client identity and the scopes it may ask for. */
public record MiniApp(String clientId, String name, String clientType, String status,
        List<String> redirectUris, List<RegisteredScope> scopes) {

    public record RegisteredScope(String scope, boolean preApproved) {
    }
}
