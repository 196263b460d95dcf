package dev.tmcp.appstore.registry;

import java.util.List;

/** A registered mini-app: its OAuth client identity and the scopes it may ask for. */
public record MiniApp(String clientId, String name, String clientType, String status,
        List<String> redirectUris, List<RegisteredScope> scopes, String classification) {

    public static final String OFFICIAL = "official";
    public static final String THIRD_PARTY = "third_party";

    MiniApp withScopes(List<RegisteredScope> registered) {
        return new MiniApp(clientId, name, clientType, status, redirectUris, registered, classification);
    }

    public record RegisteredScope(String scope, boolean preApproved) {
    }
}
