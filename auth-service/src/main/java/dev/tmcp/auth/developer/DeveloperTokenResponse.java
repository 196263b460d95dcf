package dev.tmcp.auth.developer;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tmcp.auth.developer.org.Organizations;
import java.util.List;

/**
 * The developer token endpoint's answer: spec 4.4.3 after a login (with {@code developer_id},
 * {@code roles} and {@code organizations}), 4.4.5 after a refresh (without them).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DeveloperTokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken,
        String developerId, List<String> roles, List<Organizations.Membership> organizations) {

    static DeveloperTokenResponse refresh(String accessToken, long expiresIn, String refreshToken) {
        return new DeveloperTokenResponse(accessToken, "Bearer", expiresIn, refreshToken, null, null, null);
    }

    DeveloperTokenResponse login(String developerId, List<String> roles, List<Organizations.Membership> organizations) {
        return new DeveloperTokenResponse(accessToken, tokenType, expiresIn, refreshToken, developerId, roles,
                organizations);
    }
}
