package dev.tmcp.appstore.registry;

import java.util.List;
import java.util.Set;

/**
 * A registered mini-app as the registry tells other services (auth-service checks clients and
 * scopes with it): its OAuth client identity, the scopes it may ask for, and for confidential and
 * hybrid apps the SHA-256 digests of their client secrets (never the secrets).
 *
 * @param backendClientId the confidential half of a hybrid app ({@code ma_x_backend}), else null
 */
public record MiniApp(String clientId, String name, String clientType, String status,
        List<String> redirectUris, List<RegisteredScope> scopes, String classification,
        String clientSecretHash, String backendClientId, String backendSecretHash) {

    public static final String OFFICIAL = "official";
    public static final String THIRD_PARTY = "third_party";
    /** Spec 16.7: scopes only official apps may hold (auth-service enforces the same list at issuance). */
    public static final Set<String> PRIVILEGED_SCOPES = Set.of("system:notifications", "wallet:admin",
            "messaging:broadcast", "analytics:detailed");

    /** A public app without secrets (the demo app). */
    public MiniApp(String clientId, String name, String clientType, String status, List<String> redirectUris,
            List<RegisteredScope> scopes, String classification) {
        this(clientId, name, clientType, status, redirectUris, scopes, classification, null, null, null);
    }

    /** The privileged scopes (16.7) this app lists although it is not official; empty when it may hold them all. */
    public List<String> forbiddenPrivilegedScopes() {
        return OFFICIAL.equals(classification) ? List.of()
                : scopes.stream().map(RegisteredScope::scope).filter(PRIVILEGED_SCOPES::contains).toList();
    }

    MiniApp withScopes(List<RegisteredScope> registered) {
        return new MiniApp(clientId, name, clientType, status, redirectUris, registered, classification,
                clientSecretHash, backendClientId, backendSecretHash);
    }

    public record RegisteredScope(String scope, boolean preApproved) {
    }
}
