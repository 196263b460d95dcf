package dev.tmcp.appstore.registration;

import java.util.List;

/** The body of {@code POST /mini-apps/v1/register} (spec 9.1.1, 16.3). */
record RegistrationRequest(String name, String shortName, String description, String category, String clientType,
        String classification, String orgId, Developer developer, Technical technical, Branding branding) {

    record Developer(String companyName, String email, String website, Boolean official) {
    }

    /** @param scopeJustifications why each scope is requested (checked by the automated review, 9.3.1) */
    record Technical(String entryUrl, List<String> redirectUris, String webhookUrl, List<String> scopesRequested,
            String clientType, java.util.Map<String, String> scopeJustifications) {
    }

    record Branding(String iconUrl, String primaryColor) {
    }

    /** {@code technical.client_type} (9.1.1), or the top-level {@code client_type} of the hybrid example. */
    String effectiveClientType() {
        String type = technical != null && technical.clientType() != null ? technical.clientType() : clientType;
        return type == null ? "public" : type;
    }
}
