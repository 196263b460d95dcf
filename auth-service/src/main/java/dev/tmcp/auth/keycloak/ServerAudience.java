package dev.tmcp.auth.keycloak;

import java.util.Map;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;

/**
 * Puts the suite's own Keycloak client in the audience of a mini-app's tokens: Keycloak's standard
 * token exchange lets auth-service exchange a token (for the short-lived {@code matrix_access_token}
 * of spec 4.3.1 step 7) only when it is in that token's audience.
 */
final class ServerAudience {

    static final String NAME = "audience-tmcp-server";

    private ServerAudience() {
    }

    static ProtocolMapperRepresentation mapper(String serverClientId) {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName(NAME);
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("oidc-audience-mapper");
        mapper.setConfig(Map.of("included.client.audience", serverClientId, "access.token.claim", "true",
                "id.token.claim", "false"));
        return mapper;
    }

    /** Adds the mapper to a client registered before it existed. */
    static void ensure(ClientResource client, String serverClientId) {
        boolean present = client.getProtocolMappers().getMappers().stream().anyMatch(m -> NAME.equals(m.getName()));
        if (!present) {
            try (var response = client.getProtocolMappers().createMapper(mapper(serverClientId))) {
                if (response.getStatus() >= 300 && response.getStatus() != 409) {
                    throw new IllegalStateException("Keycloak refused the audience mapper: HTTP " + response.getStatus());
                }
            }
        }
    }
}
